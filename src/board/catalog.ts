/**
 * The block catalog: one entry per kind. The palette, node rendering, the
 * linter's facts, the Mermaid export and the templates all read it; nothing
 * else switches on kind strings.
 */

export type CategoryId = 'edge' | 'compute' | 'data' | 'async' | 'ml' | 'observability' | 'frames' | 'drawing';

export interface Category {
  id: CategoryId;
  label: string;
  /** The category's colour: the cards' accent (as the CSS variable --ab-cat-<id>) and the minimap's fill. */
  color: string;
}

/** Palette order. */
export const CATEGORIES: readonly Category[] = [
  { id: 'edge', label: 'Edge and network', color: '#0ea5e9' },
  { id: 'compute', label: 'Compute', color: '#6366f1' },
  { id: 'data', label: 'Data', color: '#10b981' },
  { id: 'async', label: 'Async', color: '#f59e0b' },
  { id: 'ml', label: 'Machine learning', color: '#d946ef' },
  { id: 'observability', label: 'Observability', color: '#64748b' },
  { id: 'frames', label: 'Frames and notes', color: '#94a3b8' },
  { id: 'drawing', label: 'Drawing', color: '#94a3b8' },
];

const categoryById = new Map(CATEGORIES.map((c) => [c.id, c]));

export function categoryInfo(id: CategoryId): Category {
  return categoryById.get(id)!;
}

/**
 * The size of a card before it is measured (cards size to their content):
 * drops centre a new card on the pointer, the layout and the palette's
 * free-spot search assume it for cards not yet drawn.
 */
export const CARD_SIZE: { readonly width: number; readonly height: number } = { width: 184, height: 56 };

/** The SLIC FAST checklist: each building block a design should consider. */
export const SLIC_FAST = [
  { letter: 'S', name: 'Search' },
  { letter: 'L', name: 'Load balancer' },
  { letter: 'I', name: 'Interaction with CDN' },
  { letter: 'C', name: 'Cache' },
  { letter: 'F', name: 'Front-end' },
  { letter: 'A', name: 'Analytics' },
  { letter: 'S', name: 'Storage' },
  { letter: 'T', name: 'Task queue' },
] as const;
export type SlicFast = (typeof SLIC_FAST)[number]['name'];

/**
 * What a block does in a design. The linter reasons about roles, never kinds,
 * so a new kind joins every rule by declaring its roles here.
 */
export type Role =
  | 'client' // where requests start
  | 'dns'
  | 'cdn'
  | 'balancer' // spreads requests over the instances behind it (load balancer, gateway)
  | 'compute' // runs application code
  | 'push' // holds client connections open to push to them
  | 'cache'
  | 'datastore' // keeps data durably
  | 'object-storage'
  | 'search'
  | 'queue'
  | 'analytics'
  | 'monitoring'
  | 'cdn-origin' // a CDN can pull content from it
  | 'external' // a third party outside the design
  | 'frame' // a region or zone drawn around blocks
  | 'annotation'; // a sticky note or a drawing: the linter ignores it

/** `none`: drawn strokes and loose arrows have no Mermaid form and are left out of it. */
export type MermaidShape =
  'rect' | 'rounded' | 'stadium' | 'cylinder' | 'hexagon' | 'subroutine' | 'circle' | 'note' | 'subgraph' | 'none';

/**
 * Free drawing on the board (board format v1 additions): free text, a plain
 * shape, a freehand stroke, a loose arrow. Drawn with the drawing tools, not
 * taken from the palette.
 */
export type DrawingKind = 'text' | 'shape' | 'sketch' | 'arrow';

/** The outlines a `shape` block can have (its `shape` field). */
export const SHAPE_OUTLINES = ['rectangle', 'ellipse', 'diamond'] as const;
export type ShapeOutline = (typeof SHAPE_OUTLINES)[number];

/** Which ends of a loose arrow have a head (its `heads` field). */
export const ARROW_HEADS = ['end', 'both', 'none'] as const;
export type ArrowHeads = (typeof ARROW_HEADS)[number];

export interface CatalogEntry {
  kind: string;
  label: string;
  /** A lucide icon name; the UI maps names to components. */
  icon: string;
  category: CategoryId;
  /** One line for the palette. */
  description: string;
  /** Technologies and other words that should find this kind in the palette search. */
  synonyms: readonly string[];
  slicFast: SlicFast | null;
  roles: readonly Role[];
  /** Requests per second one instance serves; null where load does not apply. */
  capacityQps: number | null;
  /** Where the capacity figure comes from. */
  capacitySource: string;
  /**
   * Share of the reads reaching it that it answers itself (caches and CDNs);
   * a block's `hitRatio` overrides it. Writes always pass through.
   */
  hitRatio?: number;
  /** Where the hit ratio comes from. */
  hitRatioSource?: string;
  /**
   * Share of a client's reads it serves when the client also calls an API
   * entry point (a CDN: static assets and media); a block's `readShare`
   * overrides it. The API entry points share the rest and all the writes.
   */
  staticReadShare?: number;
  /** Where the static read share comes from. */
  staticReadShareSource?: string;
  /** Replicated by its nature (DNS, CDN, object storage): never a single point of failure. */
  redundantByNature: boolean;
  mermaidShape: MermaidShape;
  /** Size a new block of this kind gets; cards size to their content when absent. */
  defaultSize?: { width: number; height: number };
  /** The label a new block of this kind gets; none when absent (cards are then titled by their kind). */
  defaultLabel?: string;
  /** How ids of new blocks of this kind begin, readable in board files; `b` when absent. */
  idPrefix?: string;
  /** False for kinds whose blocks carry no label (a note is all text); labelled when absent. */
  labelled?: boolean;
  /** What the properties panel calls the block's `notes` field. */
  notesLabel?: string;
  /** Roles for which this is the kind a quick fix adds, where the first kind playing the role is not the usual one. */
  preferredFor?: readonly Role[];
  /** Set for the free-drawing kinds: which one it is. They are not in the palette. */
  drawing?: DrawingKind;
  /** Whether links can be drawn to and from blocks of this kind (cards and shapes can; notes and strokes not). */
  linkable: boolean;
}

const entries: CatalogEntry[] = [
  // Edge and network
  {
    kind: 'client',
    label: 'Client',
    icon: 'monitor-smartphone',
    category: 'edge',
    description: 'A browser, mobile app or API consumer that starts requests',
    synonyms: ['browser', 'web', 'mobile', 'iOS', 'Android', 'app', 'user', 'SPA', 'desktop', 'front-end'],
    slicFast: 'Front-end',
    roles: ['client'],
    capacityQps: null,
    capacitySource: 'Clients create load; they do not serve it.',
    redundantByNature: true,
    mermaidShape: 'stadium',
    linkable: true,
  },
  {
    kind: 'dns',
    label: 'DNS',
    icon: 'globe',
    category: 'edge',
    description: 'Resolves names, and routes users to a region (GeoDNS, GSLB)',
    synonyms: ['Route 53', 'Route53', 'Cloud DNS', 'NS1', 'BIND', 'GeoDNS', 'GSLB', 'domain'],
    slicFast: null,
    roles: ['dns'],
    capacityQps: null,
    capacitySource: 'Anycast DNS services are globally replicated.',
    redundantByNature: true,
    mermaidShape: 'circle',
    linkable: true,
  },
  {
    kind: 'cdn',
    label: 'CDN',
    icon: 'earth',
    category: 'edge',
    description: 'Serves static content and media from edge locations near users',
    synonyms: [
      'CloudFront',
      'Akamai',
      'Fastly',
      'Cloudflare',
      'edge cache',
      'content delivery network',
      'static assets',
    ],
    slicFast: 'Interaction with CDN',
    roles: ['cdn'],
    capacityQps: null,
    capacitySource: 'A CDN is a fleet of edge servers; it scales with its provider.',
    hitRatio: 0.9,
    hitRatioSource:
      'Static assets and media are hotter than data: CDN providers report edge hit ratios of 90% and more for cacheable content.',
    staticReadShare: 0.5,
    staticReadShareSource:
      'A page view or app screen loads its static assets and images alongside its API calls; half the reads is a planning figure.',
    redundantByNature: true,
    mermaidShape: 'hexagon',
    linkable: true,
  },
  {
    kind: 'load-balancer',
    label: 'Load balancer',
    icon: 'split',
    category: 'edge',
    description: 'Spreads requests across the instances of a tier',
    synonyms: ['ELB', 'ALB', 'NLB', 'HAProxy', 'nginx', 'Envoy', 'F5', 'Traefik', 'LB', 'reverse proxy'],
    slicFast: 'Load balancer',
    roles: ['balancer'],
    capacityQps: 50_000,
    capacitySource:
      'HAProxy and nginx proxy tens of thousands of HTTP requests per second per core; 50K/s is a conservative figure for one instance.',
    redundantByNature: false,
    mermaidShape: 'hexagon',
    linkable: true,
  },
  {
    kind: 'api-gateway',
    label: 'API gateway',
    icon: 'door-open',
    category: 'edge',
    description: 'One entry point: routing, auth, rate limiting',
    synonyms: ['Kong', 'Apigee', 'AWS API Gateway', 'Zuul', 'Tyk', 'Envoy', 'gateway', 'rate limiter', 'auth'],
    slicFast: 'Load balancer',
    roles: ['balancer'],
    capacityQps: 10_000,
    capacitySource:
      'Gateways do auth and routing per request; about 10K/s per instance is a common planning figure (AWS API Gateway starts at a 10K/s account quota).',
    redundantByNature: false,
    mermaidShape: 'hexagon',
    linkable: true,
  },
  {
    kind: 'realtime-gateway',
    label: 'Realtime gateway',
    icon: 'radio-tower',
    category: 'edge',
    description: 'Holds WebSocket or SSE connections to push updates to clients',
    synonyms: [
      'WebSocket',
      'Socket.IO',
      'SSE',
      'server-sent events',
      'long polling',
      'push',
      'presence',
      'Pusher',
      'chat server',
    ],
    slicFast: 'Front-end',
    roles: ['push', 'compute'],
    capacityQps: 10_000,
    capacitySource:
      'One gateway holds tens of thousands of connections; 10K pushed messages per second is a common planning figure.',
    redundantByNature: false,
    mermaidShape: 'hexagon',
    linkable: true,
  },
  // Compute
  {
    kind: 'web-server',
    label: 'Web server',
    icon: 'server',
    category: 'compute',
    description: 'Serves pages and static files, or renders on the server',
    synonyms: ['nginx', 'Apache', 'Next.js', 'SSR', 'front-end server', 'Tomcat', 'static files'],
    slicFast: 'Front-end',
    roles: ['compute', 'cdn-origin'],
    capacityQps: 5_000,
    capacitySource: 'A web server answering pages from memory or disk handles thousands of requests per second.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  {
    kind: 'service',
    label: 'Service',
    icon: 'box',
    category: 'compute',
    description: 'Application logic behind an API: a microservice or app server',
    synonyms: [
      'Node.js',
      'Go',
      'Java',
      'Spring',
      'Django',
      'Rails',
      'Python',
      'microservice',
      'app server',
      'application server',
      'API',
      'backend',
    ],
    slicFast: 'Front-end',
    roles: ['compute', 'cdn-origin'],
    capacityQps: 1_000,
    capacitySource:
      'The interview material sizes one server at about 100s of QPS ("a single server might suffice" at 100 QPS); 1K/s per instance is the usual rule of thumb for an app server that calls a database.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
    preferredFor: ['compute'],
  },
  {
    kind: 'worker',
    label: 'Worker',
    icon: 'cog',
    category: 'compute',
    description: 'Background jobs: consumers, cron, encoding, fan-out',
    synonyms: ['Celery', 'Sidekiq', 'Lambda', 'background job', 'consumer', 'cron', 'batch', 'job runner', 'fan-out'],
    slicFast: 'Task queue',
    roles: ['compute'],
    capacityQps: 500,
    capacitySource:
      'Background jobs do more work per item than a request; 500 jobs/s per instance is a planning figure.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  {
    kind: 'external-service',
    label: 'External service',
    icon: 'plug',
    category: 'compute',
    description: 'A third-party API: payments, SMS, email, push notifications',
    synonyms: ['Stripe', 'Twilio', 'SendGrid', 'APNs', 'FCM', 'third-party', 'payment', 'SMS', 'email', 'maps'],
    slicFast: null,
    roles: ['external'],
    capacityQps: null,
    capacitySource: 'Outside the design: its provider sizes it.',
    redundantByNature: true,
    mermaidShape: 'subroutine',
    linkable: true,
  },
  // Data
  {
    kind: 'cache',
    label: 'Cache',
    icon: 'zap',
    category: 'data',
    description: 'In-memory copies of hot data: fast reads, less database load',
    synonyms: ['Redis', 'Memcached', 'ElastiCache', 'KeyDB', 'Hazelcast', 'Valkey', 'in-memory'],
    slicFast: 'Cache',
    roles: ['cache'],
    capacityQps: 100_000,
    capacitySource: 'redis-benchmark shows about 100K simple operations per second on one Redis node.',
    hitRatio: 0.8,
    hitRatioSource: 'The 80/20 rule: a small hot set of keys takes most reads.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'sql-db',
    label: 'Relational DB',
    icon: 'database',
    category: 'data',
    description: 'Tables, transactions and joins: strong consistency',
    synonyms: [
      'PostgreSQL',
      'Postgres',
      'MySQL',
      'Aurora',
      'RDS',
      'Oracle',
      'SQL Server',
      'MariaDB',
      'CockroachDB',
      'Spanner',
      'SQL',
      'relational',
    ],
    slicFast: 'Storage',
    roles: ['datastore'],
    capacityQps: 5_000,
    capacitySource:
      'A single MySQL or PostgreSQL primary serves a few thousand mixed queries per second on indexed rows; 5K/s is a common planning figure.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'nosql-db',
    label: 'NoSQL DB',
    icon: 'layers',
    category: 'data',
    description: 'Key-value, document or wide-column: scales writes out',
    synonyms: [
      'Cassandra',
      'DynamoDB',
      'MongoDB',
      'HBase',
      'ScyllaDB',
      'Bigtable',
      'Couchbase',
      'Riak',
      'key-value',
      'wide-column',
      'document store',
      'NoSQL',
    ],
    slicFast: 'Storage',
    roles: ['datastore'],
    capacityQps: 10_000,
    capacitySource: 'Cassandra and similar stores sustain about 10K writes per second per node in common benchmarks.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'object-storage',
    label: 'Object storage',
    icon: 'archive',
    category: 'data',
    description: 'Files, images and video as objects: cheap and durable',
    synonyms: [
      'S3',
      'GCS',
      'Google Cloud Storage',
      'Azure Blob',
      'MinIO',
      'HDFS',
      'Ceph',
      'blob storage',
      'file storage',
    ],
    slicFast: 'Storage',
    roles: ['datastore', 'object-storage', 'cdn-origin'],
    capacityQps: null,
    capacitySource:
      'Amazon S3 documents 3,500 PUT and 5,500 GET requests per second per prefix and scales out across prefixes: there are no instances to run, so it takes no capacity figure (a block may still state its own capacityQps).',
    redundantByNature: true,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'search',
    label: 'Search index',
    icon: 'search',
    category: 'data',
    description: 'Full-text search, autocomplete and fuzzy matching',
    synonyms: [
      'Elasticsearch',
      'OpenSearch',
      'Solr',
      'Lucene',
      'Algolia',
      'Typesense',
      'Meilisearch',
      'full-text',
      'autocomplete',
      'typeahead',
    ],
    slicFast: 'Search',
    roles: ['search', 'datastore'],
    capacityQps: 2_000,
    capacitySource:
      'An Elasticsearch data node answers on the order of 1-5K search queries per second; 2K/s is used here.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'coordination',
    label: 'Coordination',
    icon: 'lock',
    category: 'data',
    description: 'Leader election, locks and configuration',
    synonyms: ['ZooKeeper', 'etcd', 'Consul', 'Chubby', 'leader election', 'distributed lock', 'service discovery'],
    slicFast: null,
    roles: ['datastore'],
    capacityQps: 10_000,
    capacitySource:
      'etcd documents tens of thousands of reads per second and about 10K writes per second on a 3-member cluster.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  // Async
  {
    kind: 'queue',
    label: 'Queue',
    icon: 'inbox',
    category: 'async',
    description: 'Buffers work and events between producers and consumers',
    synonyms: [
      'Kafka',
      'RabbitMQ',
      'SQS',
      'SNS',
      'Pub/Sub',
      'Kinesis',
      'NATS',
      'Pulsar',
      'ActiveMQ',
      'message queue',
      'task queue',
      'event bus',
      'stream',
    ],
    slicFast: 'Task queue',
    roles: ['queue'],
    capacityQps: 50_000,
    capacitySource:
      'A Kafka broker takes hundreds of thousands of small messages per second; 50K/s is a conservative figure for any broker.',
    redundantByNature: false,
    mermaidShape: 'subroutine',
    linkable: true,
  },
  {
    kind: 'stream-processor',
    label: 'Stream processor',
    icon: 'waves',
    category: 'async',
    description: 'Windows, joins and aggregates events as they arrive',
    synonyms: ['Flink', 'Spark Streaming', 'Kafka Streams', 'Storm', 'Beam', 'Dataflow', 'ksqlDB', 'stream processing'],
    slicFast: 'Analytics',
    roles: ['compute'],
    capacityQps: 20_000,
    capacitySource: 'A Flink task slot aggregates tens of thousands of events per second; 20K/s is a planning figure.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  // Machine learning
  {
    kind: 'model-server',
    label: 'Model server',
    icon: 'brain',
    category: 'ml',
    description: 'Runs model inference behind an API, often on GPUs',
    synonyms: [
      'Triton',
      'TorchServe',
      'TF Serving',
      'TensorFlow Serving',
      'vLLM',
      'TGI',
      'KServe',
      'SageMaker',
      'GPU',
      'inference',
      'LLM',
    ],
    slicFast: null,
    roles: ['compute'],
    capacityQps: 100,
    capacitySource:
      'One GPU serves tens to hundreds of inferences per second with batching; 100/s is a planning figure.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  {
    kind: 'feature-store',
    label: 'Feature store',
    icon: 'table-properties',
    category: 'ml',
    description: 'Features for training and low-latency online serving',
    synonyms: ['Feast', 'Tecton', 'Hopsworks', 'features', 'online store', 'offline store'],
    slicFast: 'Storage',
    roles: ['datastore'],
    capacityQps: 20_000,
    capacitySource:
      'Online feature stores sit on key-value stores; 20K lookups per second per node is a planning figure.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'vector-db',
    label: 'Vector DB',
    icon: 'chart-scatter',
    category: 'ml',
    description: 'Nearest-neighbour search over embeddings',
    synonyms: ['Pinecone', 'Milvus', 'Weaviate', 'pgvector', 'FAISS', 'Qdrant', 'embeddings', 'ANN', 'RAG'],
    slicFast: 'Storage',
    roles: ['datastore'],
    capacityQps: 1_000,
    capacitySource: 'Approximate nearest-neighbour indexes answer about 1K queries per second per node at high recall.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'training-pipeline',
    label: 'Training pipeline',
    icon: 'flask-conical',
    category: 'ml',
    description: 'Offline data preparation, training and model validation',
    synonyms: ['Kubeflow', 'Airflow', 'MLflow', 'SageMaker Training', 'Spark', 'batch training', 'model registry'],
    slicFast: null,
    roles: ['compute'],
    capacityQps: null,
    capacitySource: 'Offline: it is sized by data volume and schedule, not by requests.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  // Observability
  {
    kind: 'analytics',
    label: 'Analytics',
    icon: 'chart-column',
    category: 'observability',
    description: 'Event collection, a data warehouse and dashboards',
    synonyms: [
      'ClickHouse',
      'BigQuery',
      'Snowflake',
      'Redshift',
      'Druid',
      'Pinot',
      'Hadoop',
      'data warehouse',
      'data lake',
      'dashboards',
      'metrics',
    ],
    slicFast: 'Analytics',
    roles: ['analytics', 'datastore'],
    capacityQps: 10_000,
    capacitySource: 'Columnar stores ingest events in batches; 10K events/s per node is a conservative figure.',
    redundantByNature: false,
    mermaidShape: 'cylinder',
    linkable: true,
  },
  {
    kind: 'monitoring',
    label: 'Monitoring',
    icon: 'activity',
    category: 'observability',
    description: 'The golden signals: latency, traffic, errors, saturation, with alerts',
    synonyms: [
      'Prometheus',
      'Grafana',
      'Datadog',
      'ELK',
      'Kibana',
      'CloudWatch',
      'OpenTelemetry',
      'Jaeger',
      'PagerDuty',
      'logging',
      'alerting',
      'tracing',
    ],
    slicFast: null,
    roles: ['monitoring'],
    capacityQps: null,
    capacitySource: 'Watches the system; it is not on the request path.',
    redundantByNature: false,
    mermaidShape: 'rounded',
    linkable: true,
  },
  // Frames and notes
  {
    kind: 'group',
    label: 'Group',
    icon: 'square-dashed',
    category: 'frames',
    description: 'A labelled frame: a region, availability zone or cluster',
    synonyms: ['region', 'availability zone', 'AZ', 'VPC', 'cluster', 'data center', 'frame', 'boundary'],
    slicFast: null,
    roles: ['frame'],
    capacityQps: null,
    capacitySource: 'A frame, not a component.',
    redundantByNature: false,
    mermaidShape: 'subgraph',
    linkable: false,
    defaultSize: { width: 420, height: 280 },
    defaultLabel: 'Region',
    idPrefix: 'group',
  },
  {
    kind: 'note',
    label: 'Note',
    icon: 'sticky-note',
    category: 'frames',
    description: 'A sticky note for assumptions and open questions',
    synonyms: ['sticky', 'comment', 'text', 'annotation', 'assumption'],
    slicFast: null,
    roles: ['annotation'],
    capacityQps: null,
    capacitySource: 'A note, not a component.',
    redundantByNature: false,
    mermaidShape: 'note',
    linkable: false,
    defaultSize: { width: 200, height: 120 },
    idPrefix: 'note',
    labelled: false,
    notesLabel: 'Text',
  },
  // Drawing: free text, shapes, strokes and loose arrows
  {
    kind: 'text',
    label: 'Text',
    icon: 'type',
    category: 'drawing',
    description: 'Free text anywhere on the board',
    synonyms: ['label', 'caption', 'heading'],
    slicFast: null,
    roles: ['annotation'],
    capacityQps: null,
    capacitySource: 'Drawing, not a component.',
    redundantByNature: false,
    mermaidShape: 'note',
    linkable: false,
    drawing: 'text',
  },
  {
    kind: 'shape',
    label: 'Shape',
    icon: 'square',
    category: 'drawing',
    description: 'A rectangle, ellipse or diamond that can hold text and be linked',
    synonyms: ['rectangle', 'ellipse', 'diamond', 'box', 'circle'],
    slicFast: null,
    roles: ['annotation'],
    capacityQps: null,
    capacitySource: 'Drawing, not a component.',
    redundantByNature: false,
    mermaidShape: 'rect',
    linkable: true,
    drawing: 'shape',
    defaultSize: { width: 160, height: 96 },
  },
  {
    kind: 'sketch',
    label: 'Pen stroke',
    icon: 'pen-line',
    category: 'drawing',
    description: 'A freehand stroke drawn with the pen or the highlighter',
    synonyms: ['pen', 'freehand', 'highlighter', 'ink'],
    slicFast: null,
    roles: ['annotation'],
    capacityQps: null,
    capacitySource: 'Drawing, not a component.',
    redundantByNature: false,
    mermaidShape: 'none',
    linkable: false,
    drawing: 'sketch',
  },
  {
    kind: 'arrow',
    label: 'Arrow',
    icon: 'move-up-right',
    category: 'drawing',
    description: 'A loose arrow; its ends may be bound to blocks and follow them',
    synonyms: ['line', 'pointer'],
    slicFast: null,
    roles: ['annotation'],
    capacityQps: null,
    capacitySource: 'Drawing, not a component.',
    redundantByNature: false,
    mermaidShape: 'none',
    linkable: false,
    drawing: 'arrow',
  },
];

/** Every kind, in palette order within its category. */
export const CATALOG: readonly CatalogEntry[] = entries;

const byKind = new Map(entries.map((e) => [e.kind, e]));

/** The kinds a palette offers: every kind but the drawing ones (the drawing tools make those). */
const PALETTE_ENTRIES = entries.filter((e) => !e.drawing);
export const PALETTE_KINDS: readonly CatalogEntry[] = PALETTE_ENTRIES;

/** The drawing kind a block is, or undefined for cards, groups and notes. */
export function drawingOf(kind: string): DrawingKind | undefined {
  return byKind.get(kind)?.drawing;
}

/** Whether links can start or end at blocks of this kind. */
export function isLinkable(kind: string): boolean {
  return byKind.get(kind)?.linkable ?? false;
}

/** All kind ids. */
export const KINDS: readonly string[] = entries.map((e) => e.kind);

export function isKnownKind(kind: string): boolean {
  return byKind.has(kind);
}

/** The catalog entry of a kind; throws on an unknown kind (files are validated before they get here). */
export function kindInfo(kind: string): CatalogEntry {
  const entry = byKind.get(kind);
  if (!entry) throw new Error(`Unknown block kind "${kind}"`);
  return entry;
}

/** The size a new block of a kind starts with, or a card's size before it is measured. */
export function newBlockSize(kind: string): { width: number; height: number } {
  return byKind.get(kind)?.defaultSize ?? CARD_SIZE;
}

/** How ids of new blocks of a kind begin. */
export function idPrefixOf(kind: string): string {
  return byKind.get(kind)?.idPrefix ?? 'b';
}

/** The colour of a kind's category (grey for an unknown kind). */
export function kindColor(kind: string): string {
  const entry = byKind.get(kind);
  return entry ? categoryInfo(entry.category).color : categoryInfo('frames').color;
}

export function hasRole(kind: string, role: Role): boolean {
  return byKind.get(kind)?.roles.includes(role) ?? false;
}

/** The kind a quick fix adds for a role: the entry preferred for it, else the first that plays it. */
export function preferredKindFor(role: Role): CatalogEntry | undefined {
  return entries.find((e) => e.preferredFor?.includes(role)) ?? entries.find((e) => e.roles.includes(role));
}

/**
 * Palette search: kinds whose label, kind id, description or technologies match
 * every word of the query, best first (a technology or label match beats a
 * description match). An empty query returns the whole catalog.
 */
export function searchCatalog(query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return PALETTE_ENTRIES.slice();
  const scored: { entry: CatalogEntry; score: number; order: number }[] = [];
  PALETTE_ENTRIES.forEach((entry, order) => {
    const names = [entry.label, entry.kind, ...entry.synonyms].map((s) => s.toLowerCase());
    const description = entry.description.toLowerCase();
    let score = 0;
    for (const word of words) {
      if (names.some((n) => n === word)) score += 4;
      else if (names.some((n) => n.startsWith(word))) score += 3;
      else if (names.some((n) => n.includes(word))) score += 2;
      else if (description.includes(word)) score += 1;
      else return;
    }
    scored.push({ entry, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.entry);
}

/** The instances of a block, 1 when absent or invalid. */
export function replicasOf(block: { replicas?: number }): number {
  const r = block.replicas;
  return typeof r === 'number' && Number.isFinite(r) && r >= 1 ? Math.floor(r) : 1;
}
