#ifndef CDEFLATE_SHIM_H
#define CDEFLATE_SHIM_H
/* libdeflate: whole-buffer DEFLATE/zlib compression, faster than zlib at level 1. */
#include <libdeflate.h>
#endif
