import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@hub/contracts';
import type { Request, Response } from 'express';

/** Something a feature wants answered as a problem document with its own type and status. */
export interface ProblemSource {
  toProblem(): ProblemDetails;
}

function isProblemSource(error: unknown): error is ProblemSource {
  return typeof error === 'object' && error !== null && typeof (error as ProblemSource).toProblem === 'function';
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable content',
  429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

/** Every error leaves the REST API as `application/problem+json` (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const problem = this.toProblem(error);
    problem.instance ??= request.originalUrl;
    // Unexpected errors get their stack; an expected problem (503 while Redis is away) one line.
    if (problem.status >= 500) {
      if (isProblemSource(error) || error instanceof HttpException) this.logger.warn(`${request.method} ${request.originalUrl}: ${problem.status} ${problem.detail}`);
      else this.logger.error(`${request.method} ${request.originalUrl}: ${(error as Error)?.stack ?? error}`);
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): ProblemDetails {
    if (isProblemSource(error)) return error.toProblem();
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      return {
        type: 'about:blank',
        title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : detail,
      };
    }
    return { type: 'about:blank', title: TITLES[500]!, status: 500, detail: 'The hub hit an unexpected error; it is logged on the server.' };
  }
}

/** A REST error with a stable problem type, for features to throw. */
export class HubProblem extends Error implements ProblemSource {
  constructor(readonly status: number, readonly code: string, detail: string, readonly extensions: Record<string, unknown> = {}) {
    super(detail);
  }

  toProblem(): ProblemDetails {
    return {
      type: `https://syntroph.dev/problems/${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...this.extensions,
    };
  }
}
