import sanitizeHtml from 'sanitize-html';

/**
 * Images we show: `cid:` references to the message's own inline images (the intake stores them
 * with their contentId, and the web app resolves `cid:` to that stored copy) and raster `data:`
 * images. Every other image is dropped, `<img>` and all: a remote image is a read receipt for
 * the sender and leaks the reader's address from inside the hospital network, and `data:` SVG
 * can carry script.
 */
const ALLOWED_IMAGE_SOURCE =
  /^(?:cid:\S+|data:image\/(?:png|jpe?g|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]+)$/i;

/**
 * A CSS value we keep: words, numbers, colours, lengths. Nothing that loads or runs anything
 * (`url(`, `expression(`, `image-set(`, `@import`, escapes with `\`).
 */
const SAFE_CSS_VALUE = [/^(?!.*(?:url|expression|image-set|element|var)\s*\()[-#%.,'"\w\s()/!]+$/i];

const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-align',
  'text-decoration',
  'text-indent',
  'line-height',
  'white-space',
  'vertical-align',
  'direction',
  'width',
  'height',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-collapse',
  'border-color',
  'border-style',
  'border-width',
  'list-style-type',
];

const OPTIONS: sanitizeHtml.IOptions = {
  // sanitize-html's defaults (text, lists, tables, links; no script, style, iframe, object,
  // embed, form, input, svg, math) plus what mail clients use for layout and images
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'font',
    'center',
    'del',
    'ins',
    'strike',
    'big',
  ],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'title', 'align', 'valign'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'size', 'face'],
    table: ['border', 'cellpadding', 'cellspacing', 'width', 'bgcolor'],
    td: ['colspan', 'rowspan', 'width', 'height', 'bgcolor', 'nowrap'],
    th: ['colspan', 'rowspan', 'width', 'height', 'bgcolor', 'nowrap'],
    tr: ['bgcolor'],
    col: ['span', 'width'],
    ol: ['start', 'type'],
  },
  allowedStyles: {
    '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, SAFE_CSS_VALUE])),
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  // Text inside these is not content: drop it with the tag
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'title', 'head'],
  exclusiveFilter: (frame) =>
    frame.tag === 'img' && !ALLOWED_IMAGE_SOURCE.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
  },
};

/**
 * HTML of a message made safe to show inside our web app. Policy: only the tags and attributes
 * above; no script, style, iframe, object, embed or form element; no `on*` attribute, `class`
 * or `id` (they would reach our own scripts and styles); links only to http(s), mailto and tel,
 * opened in a new tab without referrer; inline CSS only from a list of harmless properties with
 * plain values; images only as described at ALLOWED_IMAGE_SOURCE.
 */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
