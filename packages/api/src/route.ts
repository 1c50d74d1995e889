import * as v from 'valibot';
import { Hono, type Context, type ToSchema, type TypedResponse } from 'hono';
import type { UnionToIntersection } from 'hono/utils/types';
import { Account, Org, VisibleError, describeIssues } from '@sansang/core';
import type { Env } from './env.ts';

/**
 * Who may call a route. Declared on every route and checked here, in one place:
 *   public      anyone, signed in or not
 *   signed-in   any person with a session (every person is a learner)
 *   roles       one of these roles; with `scope`, the unit asked for must lie inside the
 *               subtree the caller's grant for that role covers; with `scope: 'below'`,
 *               strictly below the grant's own unit (moving, merging or dissolving the unit
 *               a grant is anchored on is the business of the rank above)
 */
export type Access = { public: true } | { signedIn: true } | { roles: Account.Role[]; scope?: boolean | 'below' };

type Schema = v.GenericSchema;
type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;
type Method = 'get' | 'post';
type Reply = Response | Promise<Response>;

export type RouteSpec<P = undefined, Q = undefined, B = undefined, M extends Method = Method, Path extends string = string, R extends Reply = Reply> = {
  method: M;
  path: Path;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The request body is a file (CSV or XLSX bytes), not JSON: the handler gets it as `file`. */
  upload?: true;
  /** The unit a scoped route acts on, from its validated input; undefined = the caller's own scope. */
  unit?: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => string | undefined | Promise<string | undefined>;
  /** What the caller reads when that unit lies outside their scope, when the route can say more than "this unit". */
  outsideScope?: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => string;
  handler: (c: Context<Env>, input: { params: Out<P>; query: Out<Q>; body: Out<B>; unit: Org.Info | null; file: Uint8Array }) => R;
};
type AnySpec = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Every route of the app, for the OpenAPI document and the authorization matrix test. */
export const registry: AnySpec[] = [];

/**
 * What a client sends: the query and JSON body as their schemas take them in (before any
 * transform); path parameters follow from the path itself.
 */
type InputOf<Q, B> = { in: (Q extends Schema ? { query: v.InferInput<Q> } : {}) & (B extends Schema ? { json: v.InferInput<B> } : {}) };
/** What a handler answers, as Hono records it: a typed response (c.json, c.body) keeps its type, a bare Response says nothing. */
type Answer<R> = R extends TypedResponse<any, any, any> ? R : TypedResponse;
/** A route as the typed client sees it: method, path, input and the handler's responses. */
type SchemaOf<M extends Method, Path extends string, Q, B, R extends Reply> = ToSchema<M, Path, InputOf<Q, B>, Answer<Awaited<R>>>;

declare const schema: unique symbol;
/** A declared route: its spec, carrying (as a type only) what the typed client learns from it. */
export type Route<S = unknown> = AnySpec & { readonly [schema]?: S };

/**
 * Declares one route. The spec stays as it was (access, validation, the registry); the types
 * of its input and of what its handler returns go with it, for `routes` to hand to `hc`.
 */
export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  M extends Method = Method,
  Path extends string = string,
  R extends Reply = Reply,
>(spec: RouteSpec<P, Q, B, M, Path, R>): Route<SchemaOf<M, Path, Q, B, R>> {
  return spec as unknown as Route<SchemaOf<M, Path, Q, B, R>>;
}

type Merged<D extends readonly Route[]> = UnionToIntersection<D[number] extends infer R ? (R extends Route<infer S> ? S : never) : never>;

/**
 * One resource's routes as a Hono sub-app (mounted with `app.route('/', …)`), each registered
 * for the OpenAPI document and the authorization matrix, and typed for the browser's client.
 */
export function routes<const D extends readonly Route[]>(...declared: D): Hono<Env, Merged<D> & {}, '/'> {
  const sub = new Hono<Env>();
  for (const spec of declared) mount(sub, spec);
  return sub as unknown as Hono<Env, Merged<D> & {}, '/'>;
}

function parse<S extends Schema | undefined>(schema: S | undefined, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = v.safeParse(schema, value);
  if (!result.success) throw new VisibleError('request.invalid', `Yêu cầu không hợp lệ (${where}) — ${describeIssues(result.issues)}`);
  return result.output as Out<S>;
}

async function readJson(c: Context<Env>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new VisibleError('request.malformed_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
}

/**
 * Resolves and checks the unit a scoped route works on: the one scope check of the API.
 * Without a unit asked for, it is the caller's own scope, or null for an installation-wide grant.
 */
async function scopedUnit(
  c: Context<Env>,
  roles: Account.Role[],
  requested: string | undefined,
  below: boolean,
  message = 'Bạn không có quyền với đơn vị này.',
): Promise<Org.Info | null> {
  const grants = actorOf(c).grants.filter((g) => roles.includes(g.role));
  if (requested === undefined) {
    const own = grants.find((g) => g.unitId)?.unitId;
    if (!own) return null;
    requested = own;
  }
  const forbidden = () => new VisibleError('auth.forbidden', message);
  // An officer must not learn which unit ids exist outside their scope.
  const unit = await Org.get(requested).catch((err) => {
    throw err instanceof VisibleError && err.code === 'org.unit_not_found' ? forbidden() : err;
  });
  if (!covers(c, roles, unit, below)) throw forbidden();
  return unit;
}

/**
 * True when the caller's grants for `roles` cover `unit` (null: needs an installation-wide
 * grant); with `below`, the unit must lie strictly below the grant's own unit.
 */
export function covers(c: Context<Env>, roles: Account.Role[], unit: Pick<Org.Info, 'id' | 'ancestors'> | null, below = false): boolean {
  return actorOf(c).grants.some(
    (g) => roles.includes(g.role) && (g.unitId === null || (unit !== null && Org.isWithin(unit, g.unitId!) && !(below && unit.id === g.unitId))),
  );
}

/**
 * Who acts in this request: the signed-in account, for the domain to check and audit. Every
 * route that is not public has passed `authorize`, so only a public route can meet none.
 */
export function actorOf(c: Context<Env>): Account.Info {
  if (!c.var.account) throw new VisibleError('auth.required', 'Bạn cần đăng nhập.');
  return c.var.account;
}

export function authorize(c: Context<Env>, access: Access): void {
  if ('public' in access) return;
  actorOf(c);
  if ('roles' in access && !actorOf(c).grants.some((g) => access.roles.includes(g.role))) {
    throw new VisibleError('auth.forbidden', 'Bạn không có quyền thực hiện thao tác này.');
  }
}

function mount(app: Hono<Env>, spec: AnySpec): void {
  registry.push(spec);
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    authorize(c, spec.access);
    const params = parse(spec.params, c.req.param(), 'đường dẫn');
    const query = parse(spec.query, c.req.query(), 'tham số');
    const body = spec.body ? parse(spec.body, await readJson(c), 'nội dung') : undefined;
    const unit =
      'roles' in spec.access && spec.access.scope
        ? await scopedUnit(
            c,
            spec.access.roles,
            await spec.unit?.({ params, query, body }),
            spec.access.scope === 'below',
            spec.outsideScope?.({ params, query, body }),
          )
        : null;
    const file = spec.upload ? new Uint8Array(await c.req.arrayBuffer()) : new Uint8Array();
    return spec.handler(c, { params, query, body, unit, file });
  });
}
