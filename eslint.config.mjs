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
      // Lazy requires keep start-up fast: prism-http (2 s), pino-pretty, swagger-parser, the Redis store
      // and each CLI command load only when used.
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            'package\\.json$',
            '^@stoplight/prism-http$',
            '^pino-pretty$',
            '^@apidevtools/swagger-parser$',
            '/redisStateStore$',
            '/createControl$',
            '^\\./\\w+Command$',
          ],
        },
      ],
    },
  },
  {
    // A command loads its work in its action: `--help` and a refused flag answer in a tenth of a second.
    files: ['src/cli/*Command.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['public/**/*.js'], languageOptions: { globals: { ...globals.browser, SwaggerUIBundle: 'readonly' } } },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
