/* The floor for reading: inflate the first worksheet with libzip and run libxml2's SAX2 push parser
 * with callbacks that do nothing. No reader can be faster than this on the same libraries.
 * usage: floor FILE.xlsx [PART] */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

static void start(void *ctx, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nn, const xmlChar **ns, int na, int nd, const xmlChar **a) {}
static void end(void *ctx, const xmlChar *l, const xmlChar *p, const xmlChar *u) {}
static void chars(void *ctx, const xmlChar *c, int len) {}

int main(int argc, char **argv) {
    const char *part = argc > 2 ? argv[2] : "xl/worksheets/sheet1.xml";
    int err = 0;
    zip_t *z = zip_open(argv[1], ZIP_RDONLY, &err);
    if (!z) { fprintf(stderr, "cannot open %s\n", argv[1]); return 2; }
    zip_file_t *f = zip_fopen(z, part, 0);
    if (!f) { fprintf(stderr, "no part %s\n", part); return 2; }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = chars;
    xmlParserCtxtPtr ctx = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    xmlCtxtUseOptions(ctx, XML_PARSE_NONET);
    static char buf[1 << 16];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) xmlParseChunk(ctx, buf, (int)n, 0);
    xmlParseChunk(ctx, NULL, 0, 1);
    int ok = ctx->wellFormed;
    xmlFreeParserCtxt(ctx);
    zip_fclose(f);
    zip_discard(z);
    return ok ? 0 : 1;
}
