/**
 * Runs nodes through REAL n8n-core (2.40.x), in-process, for the jest suites and the benchmarks
 * (not to be confused with scripts/n8n/harness.js, which installs and starts a real n8n):
 *
 *  - runNode()            -> n8n-core WorkflowExecute on a real n8n-workflow Workflow
 *                            ("Input" node -> node under test), real ExecutionLifecycleHooks,
 *                            real ExecuteContext, real expression resolution, real retries.
 *  - createPollHarness()  -> n8n-core PollContext driven by n8n-core's PollTriggerExecutor
 *                            (the code n8n runs on every scheduled poll), static data kept on a
 *                            long-lived Workflow like an active workflow in n8n.
 *  - loadOptions() / listSearch() -> n8n-core LoadOptionsContext, built like the CLI's
 *                            DynamicNodeParametersService does.
 *  - testCredential()     -> the CLI's CredentialsTester: a credential's declarative `test` request
 *                            through n8n-core's RoutingNode/ExecuteContext (as for a NoOp node), or
 *                            a node's `testedBy` function on n8n-core's CredentialTestContext.
 *
 * All HTTP goes through n8n-core's own request helpers (axios under the hood), so tests need
 * a real server (e.g. node:http on 127.0.0.1:0).
 *
 * The only non-n8n piece is `HarnessCredentialsHelper`, an in-memory port of the CLI's
 * `CredentialsHelper` (packages/cli/src/credentials-helper.ts): same `authenticate` (generic
 * blocks resolved through the workflow's Expression class), same default-filling and expression
 * resolution in `getDecrypted`, same `preAuthentication` rules, but credentials come from a Map
 * instead of the database.
 *
 * Open handles: n8n-core creates a few DI singletons lazily (SSHClientsManager,
 * ScheduledTaskManager, ...). Their intervals are `unref()`ed, so jest exits without
 * --forceExit. No cron is ever registered by this harness (polls are driven by the test).
 */
import { randomUUID } from 'node:crypto';

import { Container } from '@n8n/di'; // transitive dependency of n8n-core (same instance n8n-core uses)
import {
	CredentialTestContext,
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PollContext,
	PollTriggerExecutor,
	RoutingNode,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	ICredentialTestFunction,
	ICredentialTestRequest,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IPollFunctions,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isExpression,
	isSubMinuteCron,
	toCronExpression,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface HarnessTypes {
	/** key = full type name as a workflow sees it, e.g. 'n8n-nodes-zavudev.zavu' */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
}

export interface NodeUnderTest {
	/** e.g. 'n8n-nodes-zavudev.zavu' */
	type: string;
	/** default: the latest version of the type */
	typeVersion?: number;
	/** default 'Node' ('Temp-Node' for loadOptions/listSearch, like the CLI) */
	name?: string;
	/** expressions allowed ('={{ $json.x }}') */
	parameters: INodeParameters;
	/** credential type name -> decrypted data, e.g. { zavudevApi: { apiKey, baseUrl } } */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	retryOnFail?: boolean;
	maxTries?: number;
	/** NB: n8n-core treats 0 as "unset" and waits 1000 ms. Use 1 for fast tests. */
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	continueOnFail?: boolean;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
}

/** Shape of errors as n8n-core stores them in run data: a spread of the thrown error (NOT an instance). */
export type StoredExecutionError = Error & {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
	name?: string;
};

export interface RunResult {
	run: IRun;
	/** main output 0 of the node under test (last run), [] if none */
	items: INodeExecutionData[];
	/** all main outputs of its last run */
	outputs: INodeExecutionData[][];
	/**
	 * The workflow's resultData.error, if any. This is a plain-object spread of the thrown
	 * error (`{...error, message, stack}`), so `instanceof` does NOT work on it - use `thrownErrors`.
	 */
	error?: StoredExecutionError;
	/** runData[node].at(-1).error: the error recorded on the node's task (also set when the
	 * workflow continued because of onError/continueOnFail). Plain object, like `error`. */
	nodeError?: StoredExecutionError;
	/** how many times runData recorded the node (retryOnFail retries do NOT add entries: always 1) */
	runCount: number;
	/** how many times n8n-core invoked the node's execute() (retries show here) */
	executeCalls: number;
	/** credentials loaded and decrypted during the run (HarnessCredentialsHelper.decrypts) */
	credentialReads: number;
	/** every error thrown out of the node's execute(), real instances (instanceof NodeApiError works) */
	thrownErrors: Error[];
}

export interface RunNodeOptions {
	mode?: WorkflowExecuteMode;
	executionId?: string;
}

export interface PollHarness {
	/**
	 * mode 'trigger' (default): one scheduled poll, exactly as n8n-core's PollTriggerExecutor runs
	 * it for an active workflow. Non-null result = the workflow would be executed with it, and
	 * static data is saved at that moment (n8n's emit does saveStaticData). Errors are rethrown
	 * (in n8n they go to __emitError -> error workflow; static data is then not saved).
	 *
	 * mode 'manual': the editor's "Fetch Test Event": a fresh PollContext in mode 'manual' on a
	 * fresh Workflow loaded from the SAVED static data; nothing is saved, in-memory state untouched.
	 */
	poll(opts?: { mode?: 'trigger' | 'manual' }): Promise<INodeExecutionData[][] | null>;
	/**
	 * Workflow activation, like ActiveWorkflowTriggers.activatePollTrigger: validates pollTimes
	 * (sub-minute rejected), runs the immediate activation poll (errors propagate, as activation
	 * would fail), and - like the CLI after activation - saves static data even if the poll returned null.
	 */
	activate(): Promise<INodeExecutionData[][] | null>;
	/** the node's CURRENT in-memory static data, as plain JSON (deep copy). Throws if it is not JSON-safe. */
	staticData(): IDataObject;
	/** the node's static data as last saved to the "database" (deep copy) */
	savedStaticData(): IDataObject;
	/** replace the node's static data (both saved and in-memory) */
	setStaticData(d: IDataObject): void;
	/**
	 * Drop in-memory state not saved: the workflow is rebuilt from the saved static data (JSON),
	 * with activation mode 'init' (n8n startup). n8n would also run an activation poll right away
	 * on startup: call activate() to reproduce that.
	 */
	simulateRestart(): void;
	/** every non-null result emitted in trigger mode / activation (in order) */
	readonly emitted: INodeExecutionData[][][];
	readonly node: INode;
	readonly pollContextCtor: unknown;
}

export interface PollHarnessOptions {
	getPollBudgetMs?: () => number;
}

export interface LoadOptionsOptions {
	/** path of the parameter whose options are loaded, e.g. 'parameters.channel' (used for '&x' lookups) */
	path?: string;
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

export const INPUT_NODE_TYPE = 'harness.input';
export const INPUT_NODE_NAME = 'Input';

export function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function hasPollTimes(properties: INodeProperties[]): boolean {
	return properties.some((p) => p.name === 'pollTimes');
}

/**
 * What n8n's DirectoryLoader does to a node type when loading a package (the parts that matter
 * at runtime): polling nodes get the "Poll Times" parameter prepended. Returns a view object
 * (prototype = the original) so the test's node type object is not mutated.
 */
function loaderView(nodeType: INodeType): INodeType {
	const { description } = nodeType;
	if (description.polling !== true || hasPollTimes(description.properties)) return nodeType;
	const view = Object.create(nodeType) as INodeType;
	const viewDescription: INodeTypeDescription = {
		...description,
		properties: [...commonPollingParameters, ...description.properties],
	};
	Object.defineProperty(view, 'description', { value: viewDescription, enumerable: true });
	return view;
}

interface ExecuteProbe {
	calls: number;
	errors: Error[];
}

/** Wraps execute() to count invocations and keep the thrown error instances. Behaviour unchanged. */
function probeView(nodeType: INodeType, probe: ExecuteProbe): INodeType {
	const original = nodeType.execute;
	if (typeof original !== 'function') return nodeType;
	const view = Object.create(nodeType) as INodeType;
	const wrapped = async function (this: IExecuteFunctions, ...args: unknown[]) {
		probe.calls++;
		try {
			return await (original as (...a: unknown[]) => unknown).apply(this, args);
		} catch (error) {
			probe.errors.push(error instanceof Error ? error : new Error(String(error)));
			throw error;
		}
	};
	Object.defineProperty(view, 'execute', { value: wrapped, enumerable: true });
	return view;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly cache = new Map<string, INodeType>();

	constructor(
		private readonly types: Record<string, INodeType | IVersionedNodeType>,
		private readonly decorate?: (type: string, nodeType: INodeType) => INodeType,
	) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types[nodeType];
		if (found === undefined) {
			throw new UnexpectedError(
				`Harness: unknown node type "${nodeType}". Known: ${Object.keys(this.types).join(', ')}`,
			);
		}
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const key = `${nodeType}@${version ?? 'latest'}`;
		let result = this.cache.get(key);
		if (result === undefined) {
			result = loaderView(NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version));
			if (this.decorate) result = this.decorate(nodeType, result);
			this.cache.set(key, result);
		}
		return result;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}

/** The inline "Input" node: emits the given items (pairedItem -> its single trigger item). */
function createInputNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: INPUT_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the items given to runNode()',
			defaults: { name: INPUT_NODE_NAME },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				items.map((item) => ({ ...deepCopy(item), pairedItem: item.pairedItem ?? { item: 0 } })),
			];
		},
	};
}

function isExecutionData(value: IDataObject | INodeExecutionData): value is INodeExecutionData {
	const json = (value as { json?: unknown }).json;
	return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** IDataObject -> { json }; INodeExecutionData (has an object `json`) kept as is. */
export function toExecutionData(
	items: Array<IDataObject | INodeExecutionData>,
): INodeExecutionData[] {
	return items.map((item) => (isExecutionData(item) ? deepCopy(item) : { json: deepCopy(item) }));
}

// ---------------------------------------------------------------------------------------------
// Credentials helper (in-memory port of packages/cli/src/credentials-helper.ts)
// ---------------------------------------------------------------------------------------------

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const MOCK_NODE: INode = {
	id: 'harness-mock-node',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: () => MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

export function credentialRef(type: string): INodeCredentialsDetails {
	return { id: `harness-cred-${type}`, name: `${type} (harness)` };
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly credentialTypes: Map<string, ICredentialType>;

	/** How many times a credential was loaded and decrypted (n8n reads its database each time). */
	decrypts = 0;

	constructor(
		credentialTypes: ICredentialType[],
		readonly store: Map<string, StoredCredential> = new Map(),
	) {
		super();
		this.credentialTypes = new Map(credentialTypes.map((t) => [t.name, t]));
	}

	/** Store decrypted credentials; returns the INode.credentials map referencing them. */
	addCredentials(
		credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
	): Record<string, INodeCredentialsDetails> | undefined {
		if (credentials === undefined) return undefined;
		const refs: Record<string, INodeCredentialsDetails> = {};
		for (const [type, data] of Object.entries(credentials)) {
			this.getType(type); // fail early on unknown credential types
			const ref = credentialRef(type);
			this.store.set(ref.id as string, {
				id: ref.id as string,
				name: ref.name,
				type,
				data: deepCopy(data),
			});
			refs[type] = ref;
		}
		return refs;
	}

	getType(typeName: string): ICredentialType {
		const type = this.credentialTypes.get(typeName);
		if (type === undefined) {
			throw new UnexpectedError(
				`Harness: unknown credential type "${typeName}". Known: ${[...this.credentialTypes.keys()].join(', ')}`,
			);
		}
		return type;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.getType(typeName);

		if (credentialType.authenticate) {
			if (typeof credentialType.authenticate === 'function') {
				return await credentialType.authenticate(
					credentials,
					requestOptions as IHttpRequestOptions,
				);
			}

			if (typeof credentialType.authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				const { authenticate } = credentialType;
				if (requestOptions.headers === undefined) requestOptions.headers = {};

				if (authenticate.type === 'generic') {
					const target = requestOptions as unknown as Record<
						string,
						Record<string, unknown> | undefined
					>;
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
							const keyResolved = this.resolveValue(
								key,
								{ $credentials: credentials },
								workflow,
								node,
							);
							const valueResolved = this.resolveValue(
								value as string,
								{ $credentials: credentials },
								workflow,
								node,
							);
							if (!target[outerKey]) target[outerKey] = {};
							(target[outerKey] as Record<string, unknown>)[keyResolved] = valueResolved;
						}
					}
				}
			}
		}

		return requestOptions as IHttpRequestOptions;
	}

	/** Same as the CLI: resolves `={{...}}` through the workflow's Expression in mode 'internal'. */
	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication === 'function') {
			if (
				credentials[expirableProperty.name] === '' ||
				credentialsExpired ||
				isTestingCredentials
			) {
				const output = await credentialType.preAuthentication.call(helpers, credentials);
				if (output[expirableProperty.name] === undefined) return undefined;
				if (node.credentials) {
					const nodeCredentials = node.credentials[credentialType.name];
					const stored = this.lookup(nodeCredentials, credentialType.name);
					await this.updateCredentials(nodeCredentials, credentialType.name, {
						...stored.data,
						...(output as ICredentialDataDecryptedObject),
					});
					return Object.assign(credentials, output);
				}
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	getParentTypes(typeName: string): string[] {
		const type = this.credentialTypes.get(typeName);
		if (type?.extends === undefined) return [];
		const parents: string[] = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const typeDef = this.credentialTypes.get(credentialType);
		if (!typeDef?.restrictToSupportedNodes) return true;
		const shortName = nodeType.includes('.') ? nodeType.slice(nodeType.indexOf('.') + 1) : nodeType;
		return (typeDef.supportedNodes ?? []).some((n) => n === nodeType || n === shortName);
	}

	private lookup(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${type}" has no ID.`);
		}
		const stored = this.store.get(nodeCredentials.id);
		if (stored === undefined || stored.type !== type) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return stored;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const stored = this.lookup(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type);
		await credentials.setData(deepCopy(stored.data));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decrypts++;
		const decryptedDataOriginal = deepCopy(this.lookup(nodeCredentials, type).data);
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Defaults from the credential type's properties + expression resolution (no overwrites). */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);

		// NB: like n8n, keys that are not properties of the credential type are dropped here.
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			{ ...decryptedDataOriginal } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		if (
			decryptedData.allowedHttpRequestDomains === undefined &&
			decryptedDataOriginal.allowedHttpRequestDomains !== undefined
		) {
			decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
		}
		if (
			decryptedData.allowedDomains === undefined &&
			decryptedDataOriginal.allowedDomains !== undefined
		) {
			decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				if (e instanceof Error) e.message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [{ ...MOCK_NODE }],
				connections: {},
				active: false,
				nodeTypes: MOCK_NODE_TYPES,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					MOCK_NODE,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}

		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.lookup(nodeCredentials, type);
		this.store.set(stored.id, { ...stored, data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.lookup(nodeCredentials, type);
		this.store.set(stored.id, {
			...stored,
			data: { ...stored.data, oauthTokenData: deepCopy(data.oauthTokenData) },
		});
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.getType(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties: INodeProperties[] = [];
		for (const parentType of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(combineProperties, this.getCredentialsProperties(parentType));
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}
}

// ---------------------------------------------------------------------------------------------
// additionalData (like the CLI's WorkflowExecuteAdditionalData.getBase)
// ---------------------------------------------------------------------------------------------

const INSTANCE_BASE_URL = 'http://localhost:5678/';

export function buildAdditionalData(opts: {
	credentialsHelper: ICredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	workflowId?: string;
	currentNodeParameters?: INodeParameters;
	/** n8n's instance URL (default http://localhost:5678/): the base of webhookBaseUrl & co. */
	instanceBaseUrl?: string;
}): IWorkflowExecuteAdditionalData {
	// Like the CLI's UrlService: the base always ends with exactly one slash.
	const base =
		opts.instanceBaseUrl === undefined
			? INSTANCE_BASE_URL
			: `${opts.instanceBaseUrl.replace(/\/+$/, '')}/`;
	return {
		credentialsHelper: opts.credentialsHelper,
		hooks: opts.hooks,
		executionId: opts.executionId,
		workflowId: opts.workflowId,
		currentNodeParameters: opts.currentNodeParameters,
		userId: 'harness-user',
		executeWorkflow: async () => {
			throw new UnexpectedError('Harness: executing sub-workflows is not supported');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new UnexpectedError('Harness: task runners (Code node) are not supported');
		},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formWaitingBaseUrl: `${base}form-waiting`,
		formTestBaseUrl: `${base}form-test`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		externalSecretsProxy: new ExternalSecretsProxy(),
	};
}

// ---------------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------------

let counter = 0;
export const nextId = (prefix: string) => `${prefix}-${++counter}`;

export function buildNode(
	nodeTypes: HarnessNodeTypes,
	node: NodeUnderTest,
	credentials: Record<string, INodeCredentialsDetails> | undefined,
	defaults: { name: string; position: [number, number] },
): INode {
	const typeVersion = node.typeVersion ?? latestVersion(nodeTypes.getByName(node.type));
	const result: INode = {
		id: randomUUID(),
		name: node.name ?? defaults.name,
		type: node.type,
		typeVersion,
		position: defaults.position,
		parameters: deepCopy(node.parameters),
	};
	if (credentials !== undefined) result.credentials = credentials;
	if (node.retryOnFail !== undefined) result.retryOnFail = node.retryOnFail;
	if (node.maxTries !== undefined) result.maxTries = node.maxTries;
	if (node.waitBetweenTries !== undefined) result.waitBetweenTries = node.waitBetweenTries;
	if (node.onError !== undefined) result.onError = node.onError;
	if (node.continueOnFail !== undefined) result.continueOnFail = node.continueOnFail;
	if (node.alwaysOutputData !== undefined) result.alwaysOutputData = node.alwaysOutputData;
	if (node.executeOnce !== undefined) result.executeOnce = node.executeOnce;
	return result;
}

function workflowBase(
	id: string,
	nodes: INode[],
	connections: IWorkflowBase['connections'],
): IWorkflowBase {
	const now = new Date();
	return {
		id,
		name: `Harness ${id}`,
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		staticData: {},
		activeVersionId: null,
	};
}

/**
 * Runs [Input] -> [node under test] through n8n-core's WorkflowExecute.
 * Rejects (like n8n refusing to start) if the workflow has issues, e.g. a missing required parameter.
 */
export async function runNode(
	types: HarnessTypes,
	node: NodeUnderTest,
	items: Array<IDataObject | INodeExecutionData>,
	opts: RunNodeOptions = {},
): Promise<RunResult> {
	const nodeName = node.name ?? 'Node';
	if (nodeName === INPUT_NODE_NAME) {
		throw new UnexpectedError(`Harness: the node under test cannot be named "${INPUT_NODE_NAME}"`);
	}
	const mode = opts.mode ?? 'manual';
	const executionId = opts.executionId ?? nextId('harness-execution');
	const workflowId = nextId('harness-workflow');

	const probe: ExecuteProbe = { calls: 0, errors: [] };
	const nodeTypes = new HarnessNodeTypes(
		{ ...types.nodeTypes, [INPUT_NODE_TYPE]: createInputNodeType(toExecutionData(items)) },
		(type, nodeType) => (type === node.type ? probeView(nodeType, probe) : nodeType),
	);
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
	const credentialRefs = credentialsHelper.addCredentials(node.credentials);

	const inputNode: INode = {
		id: randomUUID(),
		name: INPUT_NODE_NAME,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest = buildNode(nodeTypes, node, credentialRefs, {
		name: nodeName,
		position: [220, 0],
	});
	const connections: IWorkflowBase['connections'] = {
		[INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
	};
	const workflowData = workflowBase(workflowId, [inputNode, nodeUnderTest], connections);

	const workflow = new Workflow({
		id: workflowId,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: workflowData.settings,
	});

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId, workflowId });
	const workflowExecute = new WorkflowExecute(additionalData, mode);
	const startNode = workflow.getNode(INPUT_NODE_NAME) ?? undefined;
	const run = await workflowExecute.run({ workflow, startNode });

	const taskData = run.data.resultData.runData[nodeName] ?? [];
	const last = taskData.at(-1);
	const outputs = (last?.data?.main ?? []).map((output) => output ?? []);
	const result: RunResult = {
		run,
		items: outputs[0] ?? [],
		outputs,
		runCount: taskData.length,
		executeCalls: probe.calls,
		credentialReads: credentialsHelper.decrypts,
		thrownErrors: probe.errors,
	};
	if (run.data.resultData.error !== undefined) {
		result.error = run.data.resultData.error as unknown as StoredExecutionError;
	}
	if (last?.error !== undefined) {
		result.nodeError = last.error as unknown as StoredExecutionError;
	}
	return result;
}

// ---------------------------------------------------------------------------------------------
// Polling
// ---------------------------------------------------------------------------------------------

/** Round trip through JSON, as n8n does when it stores static data in its database. */
export function plainJson<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/** Returns the paths at which `value` is not plain JSON (Date, undefined, Map, class instances, NaN...). */
export function jsonIssues(value: unknown, path = '$'): string[] {
	if (value === null) return [];
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return [];
		case 'number':
			return Number.isFinite(value) ? [] : [`${path} (non-finite number)`];
		case 'object': {
			if (Array.isArray(value)) return value.flatMap((v, i) => jsonIssues(v, `${path}[${i}]`));
			const proto = Object.getPrototypeOf(value) as unknown;
			if (proto !== Object.prototype && proto !== null) {
				return [`${path} (${(value as object).constructor?.name ?? 'non-plain object'})`];
			}
			return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
				jsonIssues(v, `${path}.${k}`),
			);
		}
		default:
			return [`${path} (${typeof value})`];
	}
}

/** A node's in-memory static data as plain JSON; fails if it is not (n8n stores it as JSON). */
export function nodeStaticData(all: IDataObject, key: string, nodeName: string): IDataObject {
	const current = (all[key] ?? {}) as IDataObject;
	const issues = jsonIssues(current);
	if (issues.length > 0) {
		throw new UnexpectedError(
			`Harness: static data of "${nodeName}" is not plain JSON (n8n stores it as JSON): ${issues.join(', ')}`,
		);
	}
	return plainJson(current);
}

interface PollSink {
	data?: INodeExecutionData[][];
	error?: Error;
}

class PollHarnessImpl implements PollHarness {
	readonly pollContextCtor: unknown = PollContext;
	readonly emitted: INodeExecutionData[][][] = [];
	readonly node: INode;

	private readonly nodeTypes: HarnessNodeTypes;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private readonly workflowId = nextId('harness-poll-workflow');
	private saved: IDataObject = {};
	private workflow!: Workflow;
	private context!: PollContext;
	private sink: PollSink | undefined;

	constructor(
		types: HarnessTypes,
		nodeUnderTest: NodeUnderTest,
		private readonly opts: PollHarnessOptions,
	) {
		this.nodeTypes = new HarnessNodeTypes(types.nodeTypes);
		const nodeType = this.nodeTypes.getByNameAndVersion(
			nodeUnderTest.type,
			nodeUnderTest.typeVersion ?? latestVersion(this.nodeTypes.getByName(nodeUnderTest.type)),
		);
		if (typeof nodeType.poll !== 'function') {
			throw new UnexpectedError(`Harness: node type "${nodeUnderTest.type}" has no poll()`);
		}
		this.credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
		const refs = this.credentialsHelper.addCredentials(nodeUnderTest.credentials);
		this.node = buildNode(this.nodeTypes, nodeUnderTest, refs, {
			name: nodeUnderTest.name ?? 'Node',
			position: [0, 0],
		});
		this.boot('activate', {});
	}

	private get staticDataKey(): string {
		return `node:${this.node.name}`;
	}

	private buildWorkflow(staticData: IDataObject): Workflow {
		// Like n8n: every Workflow instance gets its own copy of the node (defaults filled in).
		return new Workflow({
			id: this.workflowId,
			name: `Harness ${this.workflowId}`,
			nodes: [deepCopy(this.node)],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
	}

	private workflowNode(workflow: Workflow): INode {
		const node = workflow.getNode(this.node.name);
		if (node === null) throw new UnexpectedError('Harness: poll node missing from workflow');
		return node;
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			workflowId: this.workflowId,
		});
	}

	private boot(activation: WorkflowActivateMode, staticData: IDataObject): void {
		this.workflow = this.buildWorkflow(staticData);
		const emit: IPollFunctions['__emit'] = (data) => {
			// CLI ActiveWorkflowManager.getExecutePollFunctions: __emit -> saveStaticData(workflow) -> run workflow
			this.saveStaticData();
			this.emitted.push(data);
			if (this.sink) this.sink.data = data;
		};
		const emitError: IPollFunctions['__emitError'] = (error) => {
			if (this.sink) this.sink.error = error;
		};
		this.context = new PollContext(
			this.workflow,
			this.workflowNode(this.workflow),
			this.additionalData(),
			'trigger',
			activation,
			emit,
			emitError,
			undefined,
			undefined,
			undefined,
			this.opts.getPollBudgetMs,
		);
	}

	/** WorkflowStaticDataService.saveStaticData: persist only when flagged as changed. */
	private saveStaticData(): void {
		if (this.workflow.staticData.__dataChanged === true) {
			this.saved = plainJson(this.workflow.staticData);
			this.workflow.staticData.__dataChanged = false;
		}
	}

	private async execute(testingTrigger: boolean): Promise<INodeExecutionData[][] | null> {
		const executor = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.workflowNode(this.workflow),
			this.context,
			() => true,
		);
		const sink: PollSink = {};
		this.sink = sink;
		try {
			await executor(testingTrigger);
		} finally {
			this.sink = undefined;
		}
		if (sink.error) throw sink.error;
		return sink.data ?? null;
	}

	async poll(opts: { mode?: 'trigger' | 'manual' } = {}): Promise<INodeExecutionData[][] | null> {
		if ((opts.mode ?? 'trigger') === 'manual') return await this.manualPoll();
		return await this.execute(false);
	}

	/** WorkflowExecute.executePollNode in mode 'manual', on a Workflow loaded from saved data. */
	private async manualPoll(): Promise<INodeExecutionData[][] | null> {
		const workflow = this.buildWorkflow(plainJson(this.saved));
		const node = this.workflowNode(workflow);
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			'manual',
			'manual',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			this.opts.getPollBudgetMs,
		);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new UnexpectedError('Harness: node has no poll()');
		await workflow.expression.acquireIsolate();
		try {
			return await nodeType.poll.call(context);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	async activate(): Promise<INodeExecutionData[][] | null> {
		const pollTimes = this.context.getNodeParameter('pollTimes') as {
			item?: Array<Parameters<typeof toCronExpression>[0]>;
		};
		const cronExpressions = (pollTimes.item ?? []).map(toCronExpression);
		if (cronExpressions.some(isSubMinuteCron)) {
			throw new UserError('The polling interval is too short. It has to be at least a minute.');
		}
		const result = await this.execute(true);
		this.saveStaticData();
		return result;
	}

	staticData(): IDataObject {
		return nodeStaticData(this.workflow.staticData, this.staticDataKey, this.node.name);
	}

	savedStaticData(): IDataObject {
		return plainJson((this.saved[this.staticDataKey] ?? {}) as IDataObject);
	}

	setStaticData(d: IDataObject): void {
		const inMemory = plainJson(this.workflow.staticData) as IDataObject;
		inMemory[this.staticDataKey] = plainJson(d);
		this.saved = { ...this.saved, [this.staticDataKey]: plainJson(d) };
		this.boot(this.context.getActivationMode(), inMemory);
	}

	simulateRestart(): void {
		this.boot('init', plainJson(this.saved));
	}
}

export function createPollHarness(
	types: HarnessTypes,
	node: NodeUnderTest,
	opts: PollHarnessOptions = {},
): PollHarness {
	return new PollHarnessImpl(types, node, opts);
}

// ---------------------------------------------------------------------------------------------
// loadOptions / listSearch
// ---------------------------------------------------------------------------------------------

function loadOptionsContext(
	types: HarnessTypes,
	node: NodeUnderTest,
	path: string,
): { context: LoadOptionsContext; nodeType: INodeType } {
	const nodeTypes = new HarnessNodeTypes(types.nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
	const refs = credentialsHelper.addCredentials(node.credentials);
	const built = buildNode(nodeTypes, node, refs, {
		name: node.name ?? 'Temp-Node',
		position: [0, 0],
	});
	// Like DynamicNodeParametersService: the same object is the node's parameters and
	// additionalData.currentNodeParameters (the Workflow constructor fills in defaults on it).
	const workflow = new Workflow({ nodes: [built], connections: {}, active: false, nodeTypes });
	const workflowNode = workflow.getNode(built.name);
	if (workflowNode === null) throw new UnexpectedError('Harness: node missing from workflow');
	const additionalData = buildAdditionalData({
		credentialsHelper,
		currentNodeParameters: workflowNode.parameters,
	});
	return {
		context: new LoadOptionsContext(workflow, workflowNode, additionalData, path),
		nodeType: nodeTypes.getByNameAndVersion(built.type, built.typeVersion),
	};
}

/** methods.loadOptions[method] (falls back to methods.listSearch[method], mapped to options). */
export async function loadOptions(
	types: HarnessTypes,
	node: NodeUnderTest,
	method: string,
	opts: LoadOptionsOptions = {},
): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = loadOptionsContext(types, node, opts.path ?? 'parameters');
	const loader = nodeType.methods?.loadOptions?.[method];
	if (loader) return await loader.call(context);
	const search = nodeType.methods?.listSearch?.[method];
	if (search) {
		const { results } = await search.call(context);
		return results.map(({ name, value, description }) => {
			const option: INodePropertyOptions = { name, value };
			if (description !== undefined) option.description = description;
			return option;
		});
	}
	throw new UnexpectedError(
		`Harness: "${node.type}" has no methods.loadOptions.${method} nor methods.listSearch.${method}`,
	);
}

/** methods.listSearch[method](filter, paginationToken) through a real LoadOptionsContext. */
export async function listSearch(
	types: HarnessTypes,
	node: NodeUnderTest,
	method: string,
	filter?: string,
	paginationToken?: string,
	opts: LoadOptionsOptions = {},
): Promise<INodeListSearchResult> {
	const { context, nodeType } = loadOptionsContext(types, node, opts.path ?? 'parameters');
	const search = nodeType.methods?.listSearch?.[method];
	if (!search)
		throw new UnexpectedError(`Harness: "${node.type}" has no methods.listSearch.${method}`);
	return await search.call(context, filter, paginationToken);
}

// ---------------------------------------------------------------------------------------------
// Credential test
// ---------------------------------------------------------------------------------------------

/** Where CredentialsTester.getCredentialTestFunction finds the test of a credential type. */
export type CredentialTestSource =
	| { kind: 'function'; nodeType: string; testedBy: string; test: ICredentialTestFunction }
	| { kind: 'request'; nodeType?: INodeType; testRequest: ICredentialTestRequest };

/**
 * CredentialsTester.getCredentialTestFunction (packages/cli, 2.40.x): the credential type's own
 * `test` wins; otherwise the nodes that list the credential are searched for `testedBy` (a name
 * in methods.credentialTest, or a request with that node type). `undefined`: n8n answers "No
 * testing function found for this credential." (OAuth2 credentials are not modelled.)
 */
export function findCredentialTest(
	types: HarnessTypes,
	credentialType: string,
): CredentialTestSource | undefined {
	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
	const type = credentialsHelper.getType(credentialType);
	if (type.test) return { kind: 'request', testRequest: type.test };

	for (const [nodeTypeName, node] of Object.entries(types.nodeTypes)) {
		const versions: INodeType[] =
			'nodeVersions' in node ? Object.values(node.nodeVersions) : [node];
		for (const nodeType of versions) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				if (name !== credentialType || !testedBy) continue;
				if (typeof testedBy !== 'string')
					return { kind: 'request', nodeType, testRequest: testedBy };
				// Like the CLI: a versioned node is searched from its latest version down.
				const candidates =
					'nodeVersions' in node
						? Object.keys(node.nodeVersions)
								.map(Number)
								.sort((a, b) => b - a)
								.map((v) => node.nodeVersions[v])
						: [node];
				const test = candidates.map((c) => c.methods?.credentialTest?.[testedBy]).find(Boolean);
				return test ? { kind: 'function', nodeType: nodeTypeName, testedBy, test } : undefined;
			}
		}
	}
	return undefined;
}

/** n8n-nodes-base.noOp's description: the node type a credential-level `test` request runs on. */
const NO_OP_NODE_TYPE: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

/** lodash.get for the dotted keys of `responseSuccessBody` rules ('a.b', 'a[0].b'). */
function getPath(value: unknown, key: string): unknown {
	let current = value;
	for (const part of key
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter(Boolean)) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/**
 * The editor's "Test" button for a credential: CredentialsTester.testCredentials (packages/cli,
 * 2.40.x), step by step:
 *  1. the test is found as findCredentialTest() does;
 *  2. the data gets the type's defaults + expression resolution (mode 'internal');
 *  3. a function test (`testedBy: 'name'`) is called on `new CredentialTestContext()` (it only
 *     offers the legacy `this.helpers.request`);
 *  4. a request test (the credential's `test`, or `testedBy: { request }`) runs through n8n-core's
 *     RoutingNode: a copy of the node type (n8n-nodes-base.noOp for a credential-level test) whose
 *     only property, "temp", routes the test request, in a one-node Workflow ("Temp-Node") on an
 *     ExecuteContext in mode 'internal', with the decrypted credential handed to RoutingNode (its
 *     `authenticate` is applied by the credentials helper). Errors become the result as n8n makes
 *     them: a `responseCode` rule's message, else the HTTP status text (or "Received HTTP status
 *     code: N"); with no response, the network error code (ECONNREFUSED...); else the message.
 *     After a 2xx, `responseSuccessBody` rules can still fail it; otherwise "Connection successful!".
 * Not modelled: `$secrets` redaction of function-test messages, OAuth2 credentials.
 */
export async function testCredential(
	types: HarnessTypes,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const source = findCredentialTest(types, credentialType);
	if (source === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
	const credentials: ICredentialsDecrypted = {
		id: 'harness-credential-test',
		name: `${credentialType} (harness)`,
		type: credentialType,
	};
	try {
		credentials.data = await credentialsHelper.applyDefaultsAndOverwrites(
			buildAdditionalData({ credentialsHelper }),
			deepCopy(data),
			credentialType,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message.toString() };
	}

	if (source.kind === 'function') {
		return await source.test.call(new CredentialTestContext(), credentials);
	}

	const nodeType = source.nodeType ?? NO_OP_NODE_TYPE;
	const { version } = nodeType.description;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(version) ? version.slice(-1)[0] : version,
		position: [0, 0],
		credentials: { [credentialType]: { id: credentials.id, name: credentials.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: source.testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: (name: string, v?: number) => {
			if (name !== nodeTypeCopy.description.name)
				throw new UnexpectedError(`Harness: no node type "${name}"`);
			return NodeHelpers.getVersionedNodeType(nodeTypeCopy, v);
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const additionalData = buildAdditionalData({
		credentialsHelper,
		currentNodeParameters: node.parameters,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const rules = source.testRequest.rules ?? [];

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentials).runNode();
	} catch (error) {
		const { cause } = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: unknown };
		};
		if (cause?.response) {
			const { status: statusCode, statusText } = cause.response;
			for (const rule of rules) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code as string };
		}
		return { status: 'Error', message: (error as Error).message.toString() };
	}

	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response![0][0].json;
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
