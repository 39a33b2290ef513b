import express from 'express';
import type { OpenApiDocument } from '../spec/loadSpec';

/** Pages for people: filled in below. */
export function createPages(_spec: OpenApiDocument): express.Router {
  return express.Router();
}
