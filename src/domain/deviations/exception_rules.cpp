#include "domain/deviations/exception_rules.h"

#include <chrono>
#include <cstdio>

#include "core/stockholm_time.h"

namespace lis::domain {

const std::vector<std::string>& ExceptionStates() {
  static const std::vector<std::string> kStates = {"requested", "approved", "rejected", "expired",
                                                   "revoked"};
  return kStates;
}

std::string ExceptionStateName(ExceptionState state) {
  return ExceptionStates()[static_cast<size_t>(state)];
}

std::optional<ExceptionState> ParseExceptionState(std::string_view name) {
  for (size_t i = 0; i < ExceptionStates().size(); ++i)
    if (name == ExceptionStates()[i]) return static_cast<ExceptionState>(i);
  return std::nullopt;
}

const std::vector<std::string>& ExceptionMoves() {
  static const std::vector<std::string> kMoves = {"approve", "reject", "revoke", "expire"};
  return kMoves;
}

Result<ExceptionState> NextExceptionState(ExceptionState from, ExceptionMove move) {
  using S = ExceptionState;
  using M = ExceptionMove;
  bool decision = move == M::kApprove || move == M::kReject;
  if (decision && from != S::kRequested) return Invalid("error.exception_not_requested", "status");
  if (!decision && from != S::kApproved) return Invalid("error.exception_not_approved", "status");
  switch (move) {
    case M::kApprove:
      return S::kApproved;
    case M::kReject:
      return S::kRejected;
    case M::kRevoke:
      return S::kRevoked;
    case M::kExpire:
      return S::kExpired;
  }
  return Invalid("error.exception_not_requested", "status");
}

std::optional<std::string> AddMonthsToDate(std::string_view date, int months) {
  if (!IsDate(date)) return std::nullopt;
  int y = std::stoi(std::string(date.substr(0, 4)));
  int m = std::stoi(std::string(date.substr(5, 2)));
  int d = std::stoi(std::string(date.substr(8, 2)));
  int total = y * 12 + (m - 1) + months;
  std::chrono::year_month_day ymd{std::chrono::year(total / 12),
                                  std::chrono::month(static_cast<unsigned>(total % 12 + 1)),
                                  std::chrono::day(1)};
  std::chrono::year_month_day_last last{ymd.year(), std::chrono::month_day_last(ymd.month())};
  unsigned day = std::min(static_cast<unsigned>(d), static_cast<unsigned>(last.day()));
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), day);
  return std::string(out);
}

Status CheckValidity(const std::string& valid_from, const std::string& valid_until,
                     int max_months) {
  if (!IsDate(valid_from)) return Invalid("error.field_not_date", "valid_from");
  if (!IsDate(valid_until)) return Invalid("error.field_not_date", "valid_until");
  if (valid_until < valid_from) return Invalid("error.exception_valid_until", "valid_until");
  if (valid_until > *AddMonthsToDate(valid_from, max_months))
    return Invalid("error.exception_too_long", "valid_until");
  return {};
}

bool ExceptionExpiredAt(const std::string& valid_until, TimePoint now) {
  return StockholmDate(now) > valid_until;
}

bool ExceptionInForce(ExceptionState state, const std::string& valid_until, TimePoint now) {
  return state == ExceptionState::kApproved && !ExceptionExpiredAt(valid_until, now);
}

std::optional<int> ExpiryReminderDays(const std::string& valid_until, const std::string& today) {
  if (!IsDate(valid_until) || !IsDate(today) || valid_until < today) return std::nullopt;
  for (int days : {1, 7, 30})
    if (valid_until <= *AddDays(today, days - 1)) return days;
  return std::nullopt;
}

}  // namespace lis::domain
