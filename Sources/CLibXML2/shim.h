#ifndef MINSHENG_CLIBXML2_SHIM_H
#define MINSHENG_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's headers pull in ICU; Foundation brings its own ICU module and the two clash on clean builds. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

/// The version of libxml2 the package was compiled against.
static inline const char *CLibXML2_dottedVersion(void) { return LIBXML_DOTTED_VERSION; }
/// Wraps the global `xmlFree` function pointer, which strict concurrency cannot see as safe.
static inline void CLibXML2_free(void *p) { xmlFree(p); }
/// libxml2 reports some errors (encoding failures) through the generic handler, which prints to stderr;
/// minsheng reports them itself, so they are silenced. The handler is per thread in libxml2 2.9.
static inline void CLibXML2_ignoreGenericError(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void CLibXML2_silenceGenericErrors(void) { xmlSetGenericErrorFunc(NULL, CLibXML2_ignoreGenericError); }
#endif
