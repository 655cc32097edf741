#ifndef MINSHENG_CLIBZIP_SHIM_H
#define MINSHENG_CLIBZIP_SHIM_H
#include <zip.h>
#endif
