/**
 * Catalog icon names to lucide components. The catalog (src/board) names
 * icons without importing React; this is the one place that resolves them.
 */
import {
  Activity,
  Archive,
  Box,
  Brain,
  ChartColumn,
  ChartScatter,
  Cog,
  Database,
  DoorOpen,
  Earth,
  FlaskConical,
  Globe,
  Inbox,
  Layers,
  Lock,
  MonitorSmartphone,
  Plug,
  RadioTower,
  Search,
  Server,
  Split,
  SquareDashed,
  StickyNote,
  TableProperties,
  Waves,
  Zap,
  type LucideIcon,
  HelpCircle,
} from 'lucide-react';

export const ICONS: Record<string, LucideIcon> = {
  activity: Activity,
  archive: Archive,
  box: Box,
  brain: Brain,
  'chart-column': ChartColumn,
  'chart-scatter': ChartScatter,
  cog: Cog,
  database: Database,
  'door-open': DoorOpen,
  earth: Earth,
  'flask-conical': FlaskConical,
  globe: Globe,
  inbox: Inbox,
  layers: Layers,
  lock: Lock,
  'monitor-smartphone': MonitorSmartphone,
  plug: Plug,
  'radio-tower': RadioTower,
  search: Search,
  server: Server,
  split: Split,
  'square-dashed': SquareDashed,
  'sticky-note': StickyNote,
  'table-properties': TableProperties,
  waves: Waves,
  zap: Zap,
};

export function iconFor(name: string): LucideIcon {
  return ICONS[name] ?? HelpCircle;
}
