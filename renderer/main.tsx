// The UI entry. Under Electron the preload provides `window.desk` and the storage host is a
// window of its own; in the browser desk this page also hosts the storage frame, which must
// be up before main can open the database.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { deskClient, deskLink, deskTab, hasPreloadDesk } from './api/deskClient';
import { mountStorageHostFrame } from './api/storageHostFrame';
import { App } from './App';
import './styles.css';

if (!hasPreloadDesk()) mountStorageHostFrame(deskTab);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App desk={deskClient} link={deskLink} />
  </StrictMode>,
);
