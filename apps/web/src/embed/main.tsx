import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EmbedApp } from './embed-app';
import { recordFromLocation, takeTokenFromFragment } from './embed-session';
import './embed.css';

// Read once, before React renders twice in StrictMode: the fragment is wiped as it is read.
const token = takeTokenFromFragment();
const record = recordFromLocation(window.location.search);

createRoot(document.getElementById('embed-root')!).render(
  <StrictMode>
    <EmbedApp record={record} initialToken={token} />
  </StrictMode>,
);
