/** Course text already sanitised on the server (rehype-sanitize) when it was published. */
export function TrustedHtml(props: { html: string; class?: string }) {
  return <div class={props.class ?? 'prose'} innerHTML={props.html} />;
}
