/** The text rules of requests live with the domain's, so names in contract terms follow them too. */
export { controlCharacterIssues, line, text } from '@weibao/domain/text';
