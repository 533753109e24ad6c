/**
 * GET /v1/balance, as Zavu answers it (`BalanceRetrieveResponse` of @zavudev/sdk): the team's
 * balance in cents and, for a sub-account's key, its credit limit and what it has spent. Tests
 * set the figures with `api.modules.balance.set({...})`.
 */
import type { BalanceRetrieveResponse } from '@zavudev/sdk/resources/balance';

import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { ok } from './types';

/** Every field present: null where the SDK allows it and the key is not a sub-account's. */
export type Balance = Required<BalanceRetrieveResponse>;

/** A main project's key: $1,500.00, nothing sub-account specific. */
export const SEEDED_BALANCE: Readonly<Balance> = Object.freeze({
	balance: 150_000,
	currency: 'USD',
	isSubAccount: false,
	creditLimit: null,
	totalSpent: null,
});

export class BalanceModule implements ResourceModule {
	private state: Balance = { ...SEEDED_BALANCE };

	/** What GET /v1/balance answers now. */
	get current(): Balance {
		return { ...this.state };
	}

	/**
	 * Changes the figures. Making the key a sub-account's without a limit or spend gives them 0;
	 * making it a main project's clears them (null), as Zavu sends them only for sub-accounts.
	 */
	set(partial: Partial<Balance>): Balance {
		const next = { ...this.state, ...partial };
		if (next.isSubAccount) {
			next.creditLimit ??= 0;
			next.totalSpent ??= 0;
		} else {
			next.creditLimit = null;
			next.totalSpent = null;
		}
		this.state = next;
		return this.current;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg.length === 1 && seg[0] === 'balance' && ctx.method === 'GET') return ok(this.current);
		return undefined;
	}
}

export const balance = (_host: StandInHost): BalanceModule => new BalanceModule();
