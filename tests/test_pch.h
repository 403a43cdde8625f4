// Precompiled header for the test binaries: the server's (src/pch.h) and GoogleTest. The tests
// are compiled with other flags than lis_core, so they cannot reuse its precompiled header.
#pragma once
#include <gtest/gtest.h>

#include "pch.h"
