#include "core/common_passwords.h"

#include <fstream>
#include <set>
#include <string>

namespace lis {

namespace {

struct Dictionary {
  std::set<std::string, std::less<>> words;
  bool loaded = false;
};

const Dictionary& Words() {
  static const Dictionary kWords = [] {
    Dictionary d;
    std::ifstream in(kCommonPasswordFile);
    for (std::string word; std::getline(in, word);)
      if (!word.empty()) d.words.insert(word);
    d.loaded = !d.words.empty();
    return d;
  }();
  return kWords;
}

}  // namespace

bool IsCommonPassword(std::string_view lower) {
  return Words().words.count(lower) > 0;
}

bool CommonPasswordsLoaded() {
  return Words().loaded;
}

}  // namespace lis
