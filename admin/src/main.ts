import './carat-console.js';
