declare module 'virtual:help' {
  const guides: { slug: string; title: string; html: string }[];
  export default guides;
}
