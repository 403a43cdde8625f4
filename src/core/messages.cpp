#include "core/messages.h"

#include <nlohmann/json.hpp>

#include "core/assets.h"

namespace lis {

using nlohmann::json;

struct Messages::Impl {
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> by_lang;
  std::map<std::string, json, std::less<>> trees;
  std::vector<std::string> incomplete;
};

Messages::Messages(std::string_view text) : impl_(new Impl) {
  json catalogue = json::parse(text);
  for (const std::string lang : {"sv", "en"}) {
    json tree = json::object();
    for (auto& [key, texts] : catalogue.items()) {
      auto it = texts.find(lang);
      if (it == texts.end() || !it->is_string()) {
        impl_->incomplete.push_back(key + " (" + lang + ")");
        continue;
      }
      impl_->by_lang[lang][key] = it->get<std::string>();
      json::json_pointer ptr("/" + [&] {
        std::string p = key;
        std::replace(p.begin(), p.end(), '.', '/');
        return p;
      }());
      tree[ptr] = it->get<std::string>();
    }
    impl_->trees[lang] = std::move(tree);
  }
}

Messages::~Messages() {
  delete impl_;
}

const Messages& Messages::Embedded() {
  static const Messages kMessages(*FindAsset("messages.json"));
  return kMessages;
}

std::string Messages::Text(std::string_view lang, std::string_view key,
                           const std::map<std::string, std::string>& args) const {
  auto l = impl_->by_lang.find(lang);
  if (l == impl_->by_lang.end()) l = impl_->by_lang.find("en");
  auto k = l->second.find(key);
  if (k == l->second.end()) return std::string(key);
  const std::string& pattern = k->second;
  if (args.empty()) return pattern;
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        auto a = args.find(pattern.substr(i + 1, close - i - 1));
        if (a != args.end()) {
          out += a->second;
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

std::string Messages::ErrorText(std::string_view lang, const Error& error) const {
  return Text(lang, error.message_key.empty() ? "error.internal" : error.message_key, error.args);
}

const json& Messages::Tree(std::string_view lang) const {
  auto it = impl_->trees.find(lang);
  if (it == impl_->trees.end()) it = impl_->trees.find("sv");
  return it->second;
}

std::vector<std::string> Messages::Incomplete() const {
  return impl_->incomplete;
}

std::string SupportedLanguage(std::string_view preference, std::string_view fallback) {
  if (preference.rfind("sv", 0) == 0) return "sv";
  if (preference.rfind("en", 0) == 0) return "en";
  return std::string(fallback);
}

}  // namespace lis
