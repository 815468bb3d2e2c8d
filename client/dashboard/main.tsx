// The dashboard's entry (scripts/build-client.mjs bundles it to /dashboard/app.js and its
// styles to /dashboard/app.css): renders the app into the page shell's #app.
import { render } from 'preact';
import { App } from './app.js';
import './styles.css';
import './pages.css';

const root = document.getElementById('app')!;
root.replaceChildren();
render(<App />, root);
