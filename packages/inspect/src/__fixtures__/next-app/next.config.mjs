/** @type {import('next').NextConfig} */
const config = {
  basePath: '/shop',
  reactStrictMode: true,
};

export default config;
