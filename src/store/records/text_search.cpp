#include "store/records/text_search.h"

#include "core/utf8.h"

namespace lis::store {

namespace {

// An FTS5 string holding `text` as one phrase: with the trigram tokenizer, a substring.
std::string FtsPhrase(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace

std::vector<std::string> SearchColumnsOf(const domain::RecordType& type) {
  std::vector<std::string> out;
  for (const auto& f : type.fields)
    if (f.searchable) out.emplace_back(f.name);
  return out;
}

void AndTextSearch(Filter& f, Dialect dialect, const domain::RecordType& type,
                   const std::string& text) {
  AndTextSearch(f, dialect, type.table, SearchColumnsOf(type), text);
}

void AndTextSearch(Filter& f, Dialect dialect, const std::string& table,
                   const std::vector<std::string>& columns, const std::string& text) {
  if (dialect == Dialect::kSqlite && utf8::CodePoints(text) >= 3) {
    f.And(table + ".id IN (SELECT rowid FROM " + table + "_search WHERE " + table +
              "_search MATCH ?)",
          {Value(FtsPhrase(text))});
    return;
  }
  std::string pattern = "%" + EscapeLike(text) + "%";
  if (dialect == Dialect::kPostgres) {
    std::string joined;
    for (const auto& column : columns)
      joined += (joined.empty() ? "" : " || E'\\n' || ") + table + "." + column;
    f.And("(" + joined + ") ILIKE ? ESCAPE '!'", {Value(pattern)});
    return;
  }
  std::string sql;
  std::vector<Value> params;
  for (const auto& column : columns) {
    sql += (sql.empty() ? "" : " OR ") + table + "." + column + " LIKE ? ESCAPE '!'";
    params.emplace_back(pattern);
  }
  f.And("(" + sql + ")", std::move(params));
}

}  // namespace lis::store
