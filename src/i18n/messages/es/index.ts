// One JSON file per namespace; add a namespace here in every locale.
export { default as auth } from './auth.json';
export { default as common } from './common.json';
export { default as connections } from './connections.json';
export { default as countries } from './countries.json';
export { default as customers } from './customers.json';
export { default as enums } from './enums.json';
export { default as errors } from './errors.json';
export { default as language } from './language.json';
export { default as nav } from './nav.json';
export { default as notFound } from './notFound.json';
export { default as portal } from './portal.json';
export { default as roles } from './roles.json';
export { default as signup } from './signup.json';
export { default as site } from './site.json';
export { default as tech } from './tech.json';
