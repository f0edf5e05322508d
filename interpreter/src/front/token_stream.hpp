// The runtime's CommonTokenStream, fetching tokens without a dynamic_cast each: ANTLR 4.9's
// BufferedTokenStream::fetch() asks every token whether it is a WritableToken (about 200
// instructions a token, 3% of a warm compile), though every token our lexer and the split of
// run-together keywords make is a CommonToken. Anything else still goes the runtime's way.
#pragma once

#include <memory>
#include <typeinfo>

#include "antlr4-runtime.h"

namespace pingfen::front {

class TokenStream : public antlr4::CommonTokenStream {
public:
    using antlr4::CommonTokenStream::CommonTokenStream;

    // Token i, lexed only as far as it; nullptr past the end of file. The checks before parsing
    // read the tokens this way, so that they stop lexing at their first refusal: a file of a
    // million stray characters was made into a million tokens before the first was looked at.
    antlr4::Token* lexed(size_t i) { return sync(i) ? _tokens[i].get() : nullptr; }

protected:
    size_t fetch(size_t n) override {
        if (_fetchedEOF) return 0;
        size_t i = 0;
        while (i < n) {
            std::unique_ptr<antlr4::Token> t(_tokenSource->nextToken());
            antlr4::Token& token = *t;
            if (typeid(token) == typeid(antlr4::CommonToken))
                static_cast<antlr4::CommonToken&>(token).setTokenIndex(_tokens.size());
            else if (auto* w = dynamic_cast<antlr4::WritableToken*>(t.get()))
                w->setTokenIndex(_tokens.size());
            _tokens.push_back(std::move(t));
            ++i;
            if (_tokens.back()->getType() == antlr4::Token::EOF) {
                _fetchedEOF = true;
                break;
            }
        }
        return i;
    }
};

}  // namespace pingfen::front
