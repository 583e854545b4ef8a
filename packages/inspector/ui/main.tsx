/** The inspector's page: read the token from the address and show the run. */
import { render } from 'preact';
import { App } from './App.tsx';
import './styles.css';

const token = new URLSearchParams(location.search).get('token') ?? '';
render(<App token={token} />, document.getElementById('app')!);
