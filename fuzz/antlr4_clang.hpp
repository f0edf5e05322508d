// Force-included (clang only) before anything that includes ANTLR. Debian's ANTLR 4.9 runtime
// headers declare `misc::InterpreterData() {}`, whose implicit initialisation of a
// dfa::Vocabulary (const std::vector members, no initialisers) gcc accepts and clang rejects.
// pingfen never uses InterpreterData; the macro turns its two constructors into constructor
// templates, which clang checks only when used, while the header is read; then it is gone.
#pragma once

#define InterpreterData(...) template <typename = void> InterpreterData(__VA_ARGS__)
#include <antlr4-runtime/antlr4-runtime.h>
#undef InterpreterData
