// typescript-eslint's recommended rules over the sources, tests and benchmark; formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'coverage/**', 'node_modules/**', 'src/spec/openapi.gen.ts', 'src/spec/control.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The lazy loads, each where it shortens a start (the one list of them): prism-http, pino-pretty,
      // swagger-parser, yaml, the Redis store, and each CLI command, load only when used.
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            'package\\.json$',
            '^@stoplight/prism-http$',
            '^pino-pretty$',
            '^@apidevtools/swagger-parser$',
            '^yaml$',
            '/redisStateStore$',
            '^\\./\\w+Command$',
          ],
        },
      ],
    },
  },
  { files: ['public/**/*.js'], languageOptions: { globals: { ...globals.browser, SwaggerUIBundle: 'readonly' } } },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
