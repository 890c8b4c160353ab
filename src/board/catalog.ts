/**
 * The block catalog: one entry per kind. The palette, node rendering, the
 * linter's facts, the Mermaid export and the templates all read it; nothing
 * else switches on kind strings.
 */

export type CategoryId = 'edge' | 'compute' | 'data' | 'async' | 'ml' | 'observability' | 'frames' | 'drawing';

export interface Category {
  id: CategoryId;
  label: string;
  /** The category's colour: the cards' and palette's accent (the CSS variable --cat, set from here) and the minimap's fill. */
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
export type BlockRole =
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

/** How a loose arrow runs between its ends (its `route` field). */
export const ARROW_ROUTES = ['straight', 'elbow'] as const;
export type ArrowRoute = (typeof ARROW_ROUTES)[number];

/** Shapes other tools draw that say what a node is when its text does not (a cylinder is a datastore). */
export type ShapeHint = 'cylinder' | 'person' | 'document' | 'queue';

export interface CatalogEntry {
  kind: string;
  label: string;
  /** A lucide icon name; the UI maps names to components. */
  icon: string;
  category: CategoryId;
  /** One line for the palette. */
  description: string;
  /**
   * Technologies and other words that should find this kind in the palette
   * search and name it on import ("Redis" is a cache). A synonym with a capital
   * letter is a product name and fills the imported block's `tech`; plain
   * words ("user", "api") are written in lower case.
   */
  synonyms: readonly string[];
  /**
   * Cloud stencils that draw this kind in draw.io: the shape name after the
   * library (`mxgraph.aws4.lambda` is `lambda`), lower case, for the AWS,
   * Azure and GCP libraries.
   */
  stencils?: readonly string[];
  /** Shapes that mean this kind when the label names nothing (a cylinder: a relational DB). */
  shapeHints?: readonly ShapeHint[];
  slicFast: SlicFast | null;
  roles: readonly BlockRole[];
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
  preferredFor?: readonly BlockRole[];
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
    synonyms: [
      'browser',
      'web',
      'mobile',
      'iOS',
      'Android',
      'app',
      'user',
      'spa',
      'desktop',
      'front-end',
      'customer',
      'actor',
    ],
    stencils: [
      'users',
      'user',
      'client',
      'mobile_client',
      'mobile',
      'desktop_client',
      'generic_user',
      'laptop',
      'computer',
      'mobile_devices',
    ],
    shapeHints: ['person'],
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
    stencils: ['route_53', 'route_53_hosted_zone', 'dns', 'dns_zones', 'azure_dns', 'cloud_dns'],
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
    stencils: [
      'cloudfront',
      'cloudfront_download_distribution',
      'content_delivery_network',
      'cdn_profiles',
      'front_doors',
      'cloud_cdn',
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
    synonyms: ['ELB', 'ALB', 'NLB', 'HAProxy', 'NGINX', 'Envoy', 'F5', 'Traefik', 'lb', 'reverse proxy'],
    stencils: [
      'elastic_load_balancing',
      'application_load_balancer',
      'network_load_balancer',
      'classic_load_balancer',
      'load_balancer',
      'load_balancers',
      'application_gateway',
      'application_gateways',
      'cloud_load_balancing',
    ],
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
    stencils: ['api_gateway', 'api_management', 'api_management_services', 'apigee_api_platform', 'cloud_endpoints'],
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
    stencils: ['signalr', 'azure_signalr', 'appsync'],
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
    synonyms: ['NGINX', 'Apache', 'Next.js', 'SSR', 'front-end server', 'Tomcat', 'static files'],
    stencils: ['app_service', 'app_services', 'web_app', 'app_engine', 'elastic_beanstalk', 'amplify'],
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
      'api',
      'backend',
    ],
    stencils: [
      'ec2',
      'instance',
      'instances',
      'ecs',
      'eks',
      'fargate',
      'elastic_container_service',
      'elastic_kubernetes_service',
      'lightsail',
      'virtual_machine',
      'virtual_machines',
      'kubernetes_services',
      'container_instances',
      'compute_engine',
      'kubernetes_engine',
      'cloud_run',
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
    stencils: [
      'lambda',
      'lambda_function',
      'batch',
      'step_functions',
      'function_apps',
      'functions',
      'azure_functions',
      'batch_accounts',
      'cloud_functions',
    ],
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
    synonyms: ['Stripe', 'Twilio', 'SendGrid', 'APNs', 'FCM', 'third-party', 'payment', 'sms', 'email', 'maps'],
    stencils: ['simple_email_service', 'pinpoint'],
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
    stencils: [
      'elasticache',
      'elasticache_for_redis',
      'elasticache_for_memcached',
      'memorydb_for_redis',
      'cache_redis',
      'cache_for_redis',
      'azure_cache_redis',
      'memorystore',
      'cloud_memorystore',
    ],
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
      'sql',
      'relational',
      'database',
      'db',
    ],
    stencils: [
      'rds',
      'aurora',
      'database',
      'sql_database',
      'sql_databases',
      'azure_sql',
      'database_for_postgresql_servers',
      'database_for_mysql_servers',
      'sql_server',
      'cloud_sql',
      'cloud_spanner',
      'spanner',
    ],
    shapeHints: ['cylinder'],
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
      'nosql',
      'Mongo',
    ],
    stencils: [
      'dynamodb',
      'dynamodb_table',
      'documentdb',
      'keyspaces',
      'neptune',
      'cosmos_db',
      'azure_cosmos_db',
      'bigtable',
      'cloud_bigtable',
      'firestore',
      'cloud_firestore',
      'datastore',
      'cloud_datastore',
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
      'bucket',
    ],
    stencils: [
      'simple_storage_service',
      's3',
      'bucket',
      'bucket_with_objects',
      'glacier',
      'storage',
      'storage_accounts',
      'blob_storage',
      'storage_blob',
      'cloud_storage',
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
    stencils: [
      'opensearch_service',
      'elasticsearch_service',
      'cloudsearch',
      'kendra',
      'search',
      'cognitive_search',
      'search_services',
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
      'topic',
    ],
    stencils: [
      'sqs',
      'simple_queue_service',
      'sns',
      'simple_notification_service',
      'kinesis',
      'kinesis_data_streams',
      'mq',
      'eventbridge',
      'managed_streaming_for_kafka',
      'msk',
      'service_bus',
      'event_hubs',
      'queue',
      'storage_queue',
      'event_grid',
      'pubsub',
      'cloud_pubsub',
    ],
    shapeHints: ['queue'],
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
    stencils: [
      'kinesis_data_analytics',
      'managed_service_for_apache_flink',
      'stream_analytics',
      'dataflow',
      'cloud_dataflow',
    ],
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
      'gpu',
      'inference',
      'llm',
    ],
    stencils: ['sagemaker', 'machine_learning', 'vertex_ai', 'ai_platform'],
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
    synonyms: ['Pinecone', 'Milvus', 'Weaviate', 'pgvector', 'FAISS', 'Qdrant', 'embeddings', 'ann', 'rag'],
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
    stencils: [
      'redshift',
      'athena',
      'emr',
      'quicksight',
      'synapse_analytics',
      'data_explorer_clusters',
      'hdinsight',
      'databricks',
      'bigquery',
      'dataproc',
      'looker',
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
    stencils: [
      'cloudwatch',
      'cloudwatch_2',
      'x_ray',
      'monitor',
      'application_insights',
      'log_analytics_workspaces',
      'cloud_monitoring',
      'stackdriver',
      'cloud_logging',
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
    synonyms: ['region', 'availability zone', 'az', 'vpc', 'cluster', 'data center', 'frame', 'boundary'],
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
    idPrefix: 'text',
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
    idPrefix: 'shape',
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
    idPrefix: 'sketch',
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
    idPrefix: 'arrow',
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

/** What a block is called in words: its label, or its kind's name when it has none (never its id). */
export function blockName(block: { kind: string; label?: string }): string {
  return block.label?.trim() || kindInfo(block.kind).label;
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

export function hasRole(kind: string, role: BlockRole): boolean {
  return byKind.get(kind)?.roles.includes(role) ?? false;
}

/** The kind a quick fix adds for a role: the entry preferred for it, else the first that plays it. */
export function preferredKindFor(role: BlockRole): CatalogEntry | undefined {
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

/** What an importer knows about a node drawn in another tool: its text, its cloud stencil, its shape. */
export interface KindClues {
  text?: string;
  /** A draw.io stencil name, such as `mxgraph.aws4.elasticache` or `elasticache`. */
  stencil?: string;
  shape?: ShapeHint;
}

/** The kind an importer gives a node, and the technology its name says. */
export interface InferredKind {
  kind: string;
  tech?: string;
  /** What decided it: the cloud stencil, a word of the text, or the shape alone. */
  by: 'stencil' | 'name' | 'shape';
}

/** Lower case, punctuation as spaces, padded, so that names match as whole words: " pub sub topic ". */
function wordsOf(text: string): string {
  const plain = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return plain ? ` ${plain} ` : '';
}

/** The same words with plural endings dropped, so "Users" finds "user". */
function singular(words: string): string {
  return words.replace(/(?<=\w{3})(?<!s)s(?= )/g, '');
}

interface NameEntry {
  entry: CatalogEntry;
  words: string;
  /** The spelling to use as `tech`, for product names. */
  tech?: string;
}

/** Kinds an import may infer: the building blocks, not frames or drawings (those come from structure). */
const inferable = entries.filter((e) => !e.roles.includes('frame') && !e.roles.includes('annotation'));

/** Every name of every inferable kind (plural endings dropped), longest first. */
const names: readonly NameEntry[] = inferable
  .flatMap((entry) => [
    { entry, words: wordsOf(entry.label) },
    { entry, words: wordsOf(entry.kind) },
    ...entry.synonyms.map((s) => ({ entry, words: wordsOf(s), tech: /[A-Z]/.test(s) ? s : undefined })),
  ])
  .map((n) => ({ ...n, words: singular(n.words) }))
  .filter((n) => n.words !== '')
  .sort((a, b) => b.words.length - a.words.length);

const stencilKinds = new Map<string, CatalogEntry>(inferable.flatMap((e) => (e.stencils ?? []).map((s) => [s, e])));

/** The catalog names found in some words, where the name ends: the head noun of "User DB" is the last word. */
function matches(words: string): { name: NameEntry; end: number }[] {
  const found: { name: NameEntry; end: number }[] = [];
  for (const name of names) {
    const at = words.lastIndexOf(name.words);
    if (at !== -1) found.push({ name, end: at + name.words.length });
  }
  return found;
}

/**
 * The kind and technology a name says; undefined when none matches. The name
 * ending last wins ("User DB" is a database), the longer on a tie ("Kafka
 * Streams" over "Kafka"); words in brackets count only when nothing outside
 * them does ("Web server (NGINX)"). `tech` is the longest product name of that
 * kind anywhere in the text.
 */
function kindFromName(text: string): InferredKind | undefined {
  const all = singular(wordsOf(text));
  if (!all) return undefined;
  const outside = singular(wordsOf(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')));
  const pool = matches(outside);
  const found = pool.length > 0 ? pool : matches(all);
  if (found.length === 0) return undefined;
  const best = found.reduce((a, b) =>
    b.end > a.end || (b.end === a.end && b.name.words.length > a.name.words.length) ? b : a,
  );
  const kind = best.name.entry.kind;
  const tech = matches(all).find((m) => m.name.entry.kind === kind && m.name.tech)?.name.tech;
  return { kind, ...(tech ? { tech } : {}), by: 'name' };
}

/**
 * The catalog kind of a node imported from another tool: its cloud stencil
 * first (an AWS ElastiCache icon is a cache whatever its label), then the
 * longest catalog name in its text ("Orders DB (PostgreSQL)" is a relational
 * DB on PostgreSQL), then its shape (a cylinder is a datastore). Undefined when
 * nothing says: the importer keeps such a node as a plain shape.
 */
export function inferKind(clues: KindClues): InferredKind | undefined {
  if (clues.stencil) {
    const name = clues.stencil.toLowerCase().split('.').pop()!;
    const entry = stencilKinds.get(name);
    const fromStencil = kindFromName(name.replace(/_/g, ' '));
    const fromText = clues.text ? kindFromName(clues.text) : undefined;
    const kind = entry?.kind ?? fromStencil?.kind;
    if (kind !== undefined) {
      // The product a stencil draws (S3, Lambda) is the technology, unless the text names another of that kind.
      const tech =
        (fromText?.kind === kind ? fromText.tech : undefined) ??
        (fromStencil?.kind === kind ? fromStencil.tech : undefined);
      return { kind, ...(tech ? { tech } : {}), by: 'stencil' };
    }
  }
  const fromText = clues.text ? kindFromName(clues.text) : undefined;
  if (fromText) return fromText;
  const byShape = clues.shape ? inferable.find((e) => e.shapeHints?.includes(clues.shape!)) : undefined;
  return byShape ? { kind: byShape.kind, by: 'shape' } : undefined;
}

/** How every view and export draws a kind: a card, a frame, a sticky note, or one of the drawing kinds. */
export type DrawnAs = 'card' | 'frame' | 'note' | DrawingKind;

export function drawnAs(kind: string): DrawnAs {
  const entry = byKind.get(kind);
  if (!entry) return 'card';
  if (entry.drawing) return entry.drawing;
  if (entry.roles.includes('frame')) return 'frame';
  if (entry.roles.includes('annotation')) return 'note';
  return 'card';
}

/** The kind drawn a given way (the importers ask for "the free-text kind", never name it). */
export function kindDrawnAs(drawn: DrawnAs): string {
  const entry = entries.find((e) => drawnAs(e.kind) === drawn);
  if (!entry) throw new Error(`no kind is drawn as ${drawn}`);
  return entry.kind;
}
