// The whole frontend: send the text to the backend, show what comes back.
'use strict';

const form = document.getElementById('predict-form');
const statusLine = document.getElementById('status');
const answer = document.getElementById('answer');

function show(id, value) {
  document.getElementById(id).textContent = value;
}

async function predict(text) {
  const response = await fetch('/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = await response.json();
  if (!response.ok) {
    const message = body && body.error ? body.error.message : 'HTTP ' + response.status;
    throw new Error(message);
  }
  return body;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = document.getElementById('text').value;
  const button = form.querySelector('button');
  button.disabled = true;
  statusLine.textContent = 'Asking the model…';
  try {
    const result = await predict(text);
    show('prediction', result.prediction);
    show('probability', (result.probability * 100).toFixed(1) + ' %');
    show('model', result.model.name + ' ' + result.model.version);
    answer.hidden = false;
    statusLine.textContent = 'The model says: ' + result.prediction + '.';
  } catch (err) {
    answer.hidden = true;
    statusLine.textContent = 'Error: ' + err.message;
  } finally {
    button.disabled = false;
  }
});
