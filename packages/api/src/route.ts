import * as v from 'valibot';
import type { Context, Hono } from 'hono';
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

export type RouteSpec<P = undefined, Q = undefined, B = undefined> = {
  method: 'get' | 'post';
  path: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The request body is a file (CSV or XLSX bytes), not JSON: the handler gets it as `file`. */
  upload?: true;
  /** The unit a scoped route acts on, from its validated input; undefined = the caller's own scope. */
  unit?: (input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => string | undefined | Promise<string | undefined>;
  handler: (c: Context<Env>, input: { params: Out<P>; query: Out<Q>; body: Out<B>; unit: Org.Info | null; file: Uint8Array }) => Response | Promise<Response>;
};

/** Every route of the app, for the OpenAPI document and the authorization matrix test. */
export const registry: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>[] = [];

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
async function scopedUnit(c: Context<Env>, roles: Account.Role[], requested: string | undefined, below: boolean): Promise<Org.Info | null> {
  const grants = c.var.account!.grants.filter((g) => roles.includes(g.role));
  if (requested === undefined) {
    const own = grants.find((g) => g.unitId)?.unitId;
    if (!own) return null;
    requested = own;
  }
  const forbidden = () => new VisibleError('auth.forbidden', 'Bạn không có quyền với đơn vị này.');
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
  return c.var.account!.grants.some(
    (g) => roles.includes(g.role) && (g.unitId === null || (unit !== null && Org.isWithin(unit, g.unitId!) && !(below && unit.id === g.unitId))),
  );
}

export function authorize(c: Context<Env>, access: Access): void {
  if ('public' in access) return;
  if (!c.var.account) throw new VisibleError('auth.required', 'Bạn cần đăng nhập.');
  if ('roles' in access && !c.var.account.grants.some((g) => access.roles.includes(g.role))) {
    throw new VisibleError('auth.forbidden', 'Bạn không có quyền thực hiện thao tác này.');
  }
}

export function mount<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  app: Hono<Env>,
  spec: RouteSpec<P, Q, B>,
): void {
  registry.push(spec as unknown as (typeof registry)[number]);
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    authorize(c, spec.access);
    const params = parse<P>(spec.params, c.req.param(), 'đường dẫn');
    const query = parse<Q>(spec.query, c.req.query(), 'tham số');
    const body = spec.body ? parse<B>(spec.body, await readJson(c), 'nội dung') : (undefined as Out<B>);
    const unit =
      'roles' in spec.access && spec.access.scope
        ? await scopedUnit(c, spec.access.roles, await spec.unit?.({ params, query, body }), spec.access.scope === 'below')
        : null;
    const file = spec.upload ? new Uint8Array(await c.req.arrayBuffer()) : new Uint8Array();
    return spec.handler(c, { params, query, body, unit, file });
  });
}
