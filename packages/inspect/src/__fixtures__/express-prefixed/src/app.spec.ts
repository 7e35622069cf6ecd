// A test file of the fixture: inspection must skip it.
import { createApp } from './app';
createApp().get('/only-in-tests', () => undefined);
