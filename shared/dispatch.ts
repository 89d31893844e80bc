/**
 * Validate-call-validate: the single place where a request from any transport meets a handler.
 * Requests are parsed with the contract's zod schema before the handler sees them, responses are
 * parsed before they leave, and every failure becomes a Result with a message a person can act on.
 */
import { contract, isMethodName, type MethodName, type ParsedRequest, type Response } from './contract';
import { fail, ok, UserFacingError, type Result } from './result';

export type Handlers = {
  [M in MethodName]: (req: ParsedRequest<M>) => Response<M> | Promise<Response<M>>;
};

export type PartialHandlers = Partial<Handlers>;

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export async function dispatch(
  handlers: PartialHandlers,
  method: string,
  rawRequest: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('unknown-method', `Unknown method "${method}".`);
  const handler = handlers[method] as ((req: unknown) => unknown) | undefined;
  if (!handler) return fail('unsupported', `"${method}" is not available here.`);
  const schema = contract[method];
  const parsedRequest = schema.req.safeParse(rawRequest ?? {});
  if (!parsedRequest.success) {
    return fail('invalid-request', `Invalid request for ${method}: ${describeIssues(parsedRequest.error)}`);
  }
  let value: unknown;
  try {
    value = await handler(parsedRequest.data);
  } catch (error) {
    if (error instanceof UserFacingError) return fail(error.code, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', `Something went wrong in ${method}: ${message}`);
  }
  const parsedResponse = schema.res.safeParse(value);
  if (!parsedResponse.success) {
    return fail('invalid-response', `The engine answered ${method} with unexpected data: ${describeIssues(parsedResponse.error)}`);
  }
  return ok(parsedResponse.data);
}

/** The typed client shape every transport presents to the UI. */
export type SeatcastApi = {
  [M in MethodName]: (req: import('./contract').Request<M>) => Promise<Result<Response<M>>>;
};
