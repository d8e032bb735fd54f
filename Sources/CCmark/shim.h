#ifndef HVWALK_CCMARK_SHIM_H
#define HVWALK_CCMARK_SHIM_H
#include <cmark.h>
#endif
