/**
 * Runs the Zavu stand-in by hand, e.g. to point a local n8n credential at it
 * (Base URL = the printed URL, API key = the printed key) and move invitations by curl.
 *
 * The repo has no TS runner, so compile first:
 *   npx tsc test/stand-in/cli.ts test/stand-in/ZavuStandIn.ts --outDir /tmp/zavu-standin \
 *     --module commonjs --target es2021 --types node --skipLibCheck
 *   node /tmp/zavu-standin/cli.js [--port 4010] [--seed 5]
 *
 * Port: --port N (or a bare N), else ZAVU_STANDIN_PORT, else 4010.
 * Optional env: ZAVU_STANDIN_HOST (127.0.0.1), ZAVU_STANDIN_API_KEY, ZAVU_STANDIN_LATENCY_MS;
 * webhooks: ZAVU_STANDIN_WEBHOOK_RETRY_DELAYS_MS (comma-separated ms, default 200,1000,3000; empty
 * for no retries), ZAVU_STANDIN_WEBHOOK_REMOTE=1 (also deliver to non-loopback hosts, e.g. a
 * tunnel to an n8n), ZAVU_STANDIN_PROJECT_WEBHOOK_SIGNATURE (v1, v1+v2 or v2; default v2).
 */
import { SIGNATURE_VERSIONS, ZavuStandIn, type SignatureVersion } from './ZavuStandIn';

function argValue(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	if (i >= 0) return args[i + 1];
	const eq = args.find((a) => a.startsWith(`${name}=`));
	return eq?.slice(name.length + 1);
}

function toPort(raw: string | undefined): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Invalid port: ${raw}`);
	return n;
}

function toDelays(raw: string | undefined): number[] | undefined {
	if (raw === undefined) return undefined;
	const delays = raw
		.split(',')
		.map((d) => d.trim())
		.filter((d) => d !== '')
		.map(Number);
	if (!delays.every((d) => Number.isFinite(d) && d >= 0))
		throw new Error(`Invalid ZAVU_STANDIN_WEBHOOK_RETRY_DELAYS_MS: ${raw}`);
	return delays;
}

function toSignatureVersion(raw: string | undefined): SignatureVersion | undefined {
	if (raw === undefined || raw === '') return undefined;
	if (!SIGNATURE_VERSIONS.includes(raw as SignatureVersion)) {
		throw new Error(
			`Invalid ZAVU_STANDIN_PROJECT_WEBHOOK_SIGNATURE: ${raw} (${SIGNATURE_VERSIONS.join(', ')})`,
		);
	}
	return raw as SignatureVersion;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	// A bare number is the port, unless it is the value of a flag (`--seed 2`).
	const bare = args.find((a, i) => /^\d+$/.test(a) && !(i > 0 && /^--[a-z-]+$/.test(args[i - 1])));
	const port =
		toPort(argValue(args, '--port') ?? bare) ?? toPort(process.env.ZAVU_STANDIN_PORT) ?? 4010;
	const seed = Number(argValue(args, '--seed') ?? 0);

	const standIn = new ZavuStandIn({
		port,
		host: process.env.ZAVU_STANDIN_HOST || '127.0.0.1',
		apiKey: process.env.ZAVU_STANDIN_API_KEY || undefined,
		latencyMs: Number(process.env.ZAVU_STANDIN_LATENCY_MS ?? 0) || 0,
		webhookRetryDelaysMs: toDelays(process.env.ZAVU_STANDIN_WEBHOOK_RETRY_DELAYS_MS),
		webhookAllowRemote: process.env.ZAVU_STANDIN_WEBHOOK_REMOTE === '1',
		projectWebhookSignatureVersion: toSignatureVersion(
			process.env.ZAVU_STANDIN_PROJECT_WEBHOOK_SIGNATURE,
		),
	});
	if (seed > 0) standIn.seedInvitations(seed);
	const url = await standIn.start();

	console.log(`Zavu stand-in listening on ${url}`);
	console.log(`API key: ${standIn.apiKey}`);
	console.log(`
Try:
  curl -s -H 'Authorization: Bearer ${standIn.apiKey}' ${url}/v1/invitations
  curl -s -X POST ${url}/__admin/invitations/<id>/open       # pending or failed -> in_progress
  curl -s -X POST ${url}/__admin/invitations/<id>/fail -d '{"reason":"fb_cancelled"}'
                                                             # in_progress -> failed (open again to retry)
  curl -s -X POST ${url}/__admin/invitations/<id>/complete   # -> completed, creates a sender
  curl -s -X POST ${url}/__admin/invitations/<id>/expire
  (<id> can be "latest": the newest invitation still pending, in progress or failed)
  curl -s -X POST ${url}/__admin/messages/<id>/status -d '{"status":"delivered"}'
  curl -s -X POST ${url}/__admin/messages/inbound -d '{"from":"+14155559876","text":"Hola"}'
                                                             # a contact writes in (message.inbound, conversation.new)
  curl -s ${url}/__admin/webhooks                            # configured webhooks, secrets included
  curl -s -X POST ${url}/__admin/webhooks/deliver -d '{"target":"project","type":"invitation.status_changed","data":{},"tamper":true}'
                                                             # a hand-made event (also timestampSec, eventId, signatureVersion)
  curl -s ${url}/__admin/webhooks/deliveries                 # every delivery attempt
  curl -s -X POST ${url}/__admin/faults -d '{"match":{"path":"/v1/messages"},"status":503,"retryAfter":2}'
  curl -s ${url}/__admin/requests
  curl -s -X POST ${url}/__admin/reset                       # clears requests, faults and deliveries
`);

	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping`);
		standIn.stop().then(
			() => process.exit(0),
			(err: unknown) => {
				console.error(err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
