// Benchmarks of the PDF writer (issue 5): a statement of applicability of the 93 controls of
// ISO/IEC 27001:2022 Annex A as one table, and a 5,000-row table (a large action list).
// Run: cmake --build build --target lis_bench && build/lis_bench --benchmark_filter=Pdf
#include <benchmark/benchmark.h>

#include <string>

#include "core/pdf/pdf_document.h"

namespace {

using namespace lis::pdf;

PdfDocument SoaLike(int rows) {
  PdfDocument doc({.title = "Tillämplighetsförklaring", .footer = [](int page, int pages) {
                     return "Sida " + std::to_string(page) + " av " + std::to_string(pages);
                   }});
  doc.AddHeading(1, "Tillämplighetsförklaring – Åtgärder");
  doc.AddKeyValues({{"Organisation", "Älvsjö kommun"}, {"Ramverk", "ISO/IEC 27001:2022"}});
  Table t{.columns = {{"Id", 1},
                      {"Kontroll", 4},
                      {"Tillämplig", 1.2},
                      {"Status", 1.6},
                      {"Ansvarig", 1.6},
                      {"Så genomförs den", 4}},
          .zebra = true};
  for (int i = 0; i < rows; ++i)
    t.rows.push_back(
        {std::to_string(5 + i / 40) + "." + std::to_string(i % 40 + 1),
         "Styrning av åtkomst till information och tillgångar, nummer " + std::to_string(i),
         i % 7 ? "Ja" : "Nej", i % 3 ? "Delvis genomförd" : "Genomförd", "Örjan Ek",
         "Rutin för behörighetsgranskning varje kvartal; loggar sparas "
         "i tolv månader och granskas av förvaltningen."});
  doc.AddTable(std::move(t));
  return doc;
}

void BM_PdfTable(benchmark::State& state) {
  PdfDocument doc = SoaLike(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = doc.Render();
    if (!pdf.ok()) {
      state.SkipWithError(pdf.error().message_key.c_str());
      return;
    }
    bytes = pdf->size();
  }
  state.counters["pdf_kib"] = static_cast<double>(bytes) / 1024;
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_PdfTable)->Arg(0)->Arg(93)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
