#include "http/api/soa_export.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/messages.h"
#include "core/pdf/pdf_document.h"
#include "core/table/table.h"
#include "http/download.h"
#include "http/export_texts.h"
#include "service/controls/soa_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

using Texts = ExportTexts;

std::string Str(const json& v) {
  return ScalarText(v);
}

std::string Applicable(const Texts& t, const json& item) {
  return SoaApplicableText(t.lang, item);
}

std::string EvidenceCell(const json& item) {
  std::string out;
  for (const auto& e : item["evidence"]) {
    if (!out.empty()) out += "\n";
    out += e["kind"] == "link" ? Str(e["url"]) : Str(e["file_name"]);
  }
  return out;
}

std::vector<std::string> Header(const Texts& t, bool with_theme) {
  std::vector<std::string> h = {t("soa.col.ref")};
  if (with_theme) h.push_back(t("soa.col.theme"));
  for (const char* k : {"soa.col.title", "soa.col.applicable", "soa.col.justification",
                        "soa.col.status", "soa.col.responsible", "soa.col.implementation",
                        "soa.col.last_reviewed", "soa.col.evidence"})
    h.push_back(t(k));
  return h;
}

std::vector<std::string> Row(const Texts& t, const json& item, bool with_theme) {
  std::vector<std::string> r = {Str(item["control_ref"])};
  if (with_theme) r.push_back(Str(item["theme_name"]));
  for (const std::string& v :
       {Str(item["title"]), Applicable(t, item), Str(item["justification"]),
        t("soa.status." + Str(item["status"])), Str(item["responsible_name"]),
        Str(item["implementation"]), Str(item["last_reviewed"]), EvidenceCell(item)})
    r.push_back(v);
  return r;
}

std::string BaseName(const Texts& t, const json& document, const json& version) {
  std::string name =
      t("soa.title") + " " + Str(document["org_unit"]) + " " + Str(document["framework_ref"]);
  if (!version.is_null()) name += " v" + Str(version["number"]);
  return name;
}

std::vector<std::pair<std::string, std::string>> Facts(const Texts& t, const json& document,
                                                       const json& version) {
  std::vector<std::pair<std::string, std::string>> facts = {
      {t("soa.organisation"), Str(document["org_unit"])},
      {t("soa.framework"), Str(document["framework_name"])}};
  if (version.is_null()) {
    facts.push_back({t("soa.state_as_of"), NowText().substr(0, 10)});
    return facts;
  }
  facts.push_back({t("soa.version"), Str(version["number"])});
  facts.push_back({t("soa.issued_on"), Str(version["issued_on"])});
  facts.push_back({t("soa.approved_by"), Str(version["approved_by_name"])});
  if (!Str(version["note"]).empty()) facts.push_back({t("soa.note"), Str(version["note"])});
  return facts;
}

pdf::Table GapTable(const Texts& t, const json& document) {
  pdf::Table table{{{t("soa.col.theme"), 3},
                    {t("soa.gap.applicable"), 1},
                    {t("soa.gap.implemented"), 1},
                    {t("soa.gap.partly"), 1},
                    {t("soa.gap.not_applicable"), 1},
                    {t("soa.gap.not_assessed"), 1},
                    {t("soa.gap.share"), 1}},
                   {},
                   true};
  json summary = service::SummariseSoa(document);
  auto row = [&](const std::string& name, const json& c) {
    table.rows.push_back(
        {name, Str(c["applicable"]), Str(c["implemented"]), Str(c["partly_implemented"]),
         Str(c["not_applicable"]), Str(c["not_assessed"]),
         c["implemented_percent"].is_null() ? "–" : Str(c["implemented_percent"]) + " %"});
  };
  for (const auto& th : summary["themes"]) row(Str(th[t.lang == "en" ? "name_en" : "name_sv"]), th);
  row(t("soa.gap.total"), summary["total"]);
  return table;
}

Result<std::string> Pdf(const Texts& t, const json& document, const json& version) {
  pdf::DocumentOptions options;
  options.title = BaseName(t, document, version);
  options.orientation = pdf::Orientation::kLandscape;
  options.footer = [&t](int page, int pages) {
    return t("pdf.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
  };
  pdf::PdfDocument doc(std::move(options));
  doc.AddHeading(1, t("soa.title") + " – " + Str(document["org_unit"]));
  doc.AddKeyValues(Facts(t, document, version));
  doc.AddHeading(2, t("soa.gap.title"));
  doc.AddTable(GapTable(t, document));
  std::vector<double> weights = {0.7, 2.5, 1.2, 2.5, 1.3, 1.5, 2.4, 1.4, 1.9};
  for (const auto& theme : document["themes"]) {
    pdf::Table table;
    auto header = Header(t, false);
    for (size_t i = 0; i < header.size(); ++i) table.columns.push_back({header[i], weights[i]});
    table.zebra = true;
    for (const auto& item : document["items"])
      if (item["theme"] == theme["code"]) table.rows.push_back(Row(t, item, false));
    if (table.rows.empty()) continue;
    doc.AddHeading(2, Str(theme["name"]));
    doc.AddTable(std::move(table));
  }
  return doc.Render();
}

}  // namespace

std::string SoaApplicableText(const std::string& language, const json& item) {
  const char* key = item["applicable"].is_null()     ? "soa.applicable.unset"
                    : item["applicable"].get<bool>() ? "soa.applicable.yes"
                                                     : "soa.applicable.no";
  return Messages::Embedded().Text(language, key);
}

Result<SoaFile> ExportSoa(const json& document, const json& version, const std::string& format,
                          const std::string& language) {
  Texts t{language};
  if (format == "xlsx") {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : document["items"]) rows.push_back(Row(t, item, true));
    return SoaFile{kXlsxType, BaseName(t, document, version) + ".xlsx",
                   tables::WriteXlsx(t("soa.sheet"), Header(t, true), rows)};
  }
  if (format == "pdf") {
    auto bytes = Pdf(t, document, version);
    if (!bytes.ok()) return bytes.error();
    return SoaFile{kPdfType, BaseName(t, document, version) + ".pdf", std::move(*bytes)};
  }
  return Invalid("error.soa_format", "format");
}

}  // namespace lis::http
