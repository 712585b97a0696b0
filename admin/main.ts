import './components/app/app.js';
