/**
 * Six hand-written messages, three spam and three ham, shared by the tests that need a trained
 * classifier. A module of its own, not a test file: importing a test file also runs its suite.
 */
import { toBinaryLabels } from './train';

export const tinyTexts = [
  'WIN money now\n\nclick here for FREE cash!!! http://win.example.com',
  'Meeting notes\n\nthe project meeting moved to monday',
  'Cheap meds\n\nno prescription needed, order now $$$',
  'Lunch\n\nlunch on monday with the team?',
  'Free prize\n\nyou won a free prize, claim now at http://prize.example.com',
  'Re: project plan\n\nattached the plan for the project, see notes',
];
export const tinyLabels = toBinaryLabels(['spam', 'ham', 'spam', 'ham', 'spam', 'ham']);
