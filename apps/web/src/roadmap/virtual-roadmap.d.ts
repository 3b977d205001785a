// Served at build time by tooling/roadmap-outline.plugin.ts until the roadmap comes from the API.
declare module 'virtual:groundwork/roadmap' {
  const roadmap: import('./roadmap.types').RoadmapOutline;
  export default roadmap;
}
