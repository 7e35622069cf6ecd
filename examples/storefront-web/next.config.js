/** @type {import('next').NextConfig} */
module.exports = {
  basePath: '/shop',
  reactStrictMode: true,
};
