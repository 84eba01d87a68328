// The whole frontend: ask the backend for a customer's history and recommendations, show both.
'use strict';

const form = document.getElementById('recs-form');
const statusLine = document.getElementById('status');

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) {
    const message = body && body.error ? body.error.message : 'HTTP ' + response.status;
    throw new Error(message);
  }
  return body;
}

function nameOf(item) {
  return item.title === null ? 'item ' + item.item : item.title;
}

function fill(listId, items, withScore) {
  const list = document.getElementById(listId);
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.textContent = nameOf(item);
      if (withScore) {
        const score = document.createElement('span');
        score.className = 'score';
        score.textContent = ' (score ' + item.score.toFixed(3) + ')';
        li.append(score);
      }
      return li;
    }),
  );
}

function note(id, text) {
  document.getElementById(id).textContent = text;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = encodeURIComponent(document.getElementById('user').value.trim());
  const k = encodeURIComponent(document.getElementById('k').value.trim());
  const button = form.querySelector('button');
  button.disabled = true;
  statusLine.textContent = 'Asking the model…';
  try {
    const [history, recs] = await Promise.all([getJson('/history?user=' + user), getJson('/recommendations?user=' + user + '&k=' + k)]);
    fill('history', history.items, false);
    note('history-note', history.known ? history.items.length + ' films.' : 'The model has never seen this customer.');
    fill('recommendations', recs.items, true);
    note(
      'recs-note',
      recs.fallback === 'popularity' ? 'Most popular films (fallback: the model does not know this customer).' : 'Personal recommendations.',
    );
    statusLine.textContent = 'Model ' + recs.model.name + ' ' + recs.model.version + ' answered for customer ' + recs.user + '.';
  } catch (err) {
    fill('history', [], false);
    fill('recommendations', [], true);
    note('history-note', '');
    note('recs-note', '');
    statusLine.textContent = 'Error: ' + err.message;
  } finally {
    button.disabled = false;
  }
});
