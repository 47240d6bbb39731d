/**
 * Builds the task pane (and its import worker) into dist/, after the Office add-in React template.
 *   npx webpack --mode production    production build; manifest URLs point at SURVEY_ATLAS_URL
 *   npx webpack serve --mode development   https://localhost:3000/ for sideloading
 */
const path = require('path');
const { setTimeout } = require('timers');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const urlProd = process.env.SURVEY_ATLAS_URL || 'https://survey-atlas.example.org/';

/** webpack's own minimizer, told to skip ExcelJS's bundle, which ships minified already. */
function minimizers() {
  for (const name of ['minimizer-webpack-plugin', 'terser-webpack-plugin']) {
    try {
      const Minimizer = require(name);
      return [new Minimizer({ exclude: /exceljs/ })];
    } catch {
      // not this webpack's minimizer; try the next
    }
  }
  return ['...'];
}

/**
 * The dev server wants a certificate Office trusts. office-addin-dev-certs makes one and installs its
 * CA, which needs an interactive prompt or root; when that fails, webpack-dev-server's own
 * self-signed certificate still serves https (trust it by hand), and `--env http` serves plain http.
 */
async function httpsServer(env) {
  if (env.http) return { type: 'http' };
  try {
    const devCerts = require('office-addin-dev-certs');
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 30000));
    const { ca, key, cert } = await Promise.race([devCerts.getHttpsServerOptions(), timeout]);
    return { type: 'https', options: { ca, key, cert } };
  } catch (error) {
    console.warn(`office-addin-dev-certs: ${error && error.message ? error.message : error}`);
    console.warn('Serving https with a self-signed certificate instead.');
    return { type: 'https' };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  return {
    mode: dev ? 'development' : 'production',
    // Production builds leave source maps out: the pane is served as is, and builds stay quick.
    devtool: dev ? 'source-map' : false,
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      // dist/cli holds the compiled command line: keep it.
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      // Node built-ins some libraries name but the pane never reaches (mammoth's file paths).
      fallback: { fs: false, path: false, os: false, url: false, util: false, stream: false, crypto: false },
    },
    module: {
      // ExcelJS's browser build is one self-contained bundle: nothing in it to resolve.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // The project typecheck (npm run typecheck) checks types; here TypeScript only transpiles.
              transpileOnly: true,
              compilerOptions: { module: 'es2020', sourceMap: true },
            },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: 'asset/resource',
          generator: { filename: 'assets/[name][ext][query]' },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/index.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/taskpane/help.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest*.xml',
            to: '[name][ext]',
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, 'g'), urlProd);
            },
          },
        ],
      }),
      // mammoth turns pictures into Buffers; the pane reads text only, but the name must resolve.
      new webpack.ProvidePlugin({ Buffer: ['buffer', 'Buffer'] }),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // The import worker and the main-thread fallback share the readers; kept apart, the worker
          // never loads the fallback's chunk, and the page never fetches the import code at all.
          default: false,
          defaultVendors: false,
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: 'exceljs',
            chunks: 'all',
            priority: 20,
          },
        },
      },
      minimizer: minimizers(),
    },
    performance: {
      // The import worker carries the readers (ExcelJS, mammoth); it loads once, off the main thread.
      maxAssetSize: 4 * 1024 * 1024,
      maxEntrypointSize: 2 * 1024 * 1024,
    },
    devServer: {
      hot: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: env.WEBPACK_SERVE ? await httpsServer(env) : undefined,
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: { directory: path.resolve(__dirname, 'dist'), watch: false },
    },
  };
};
