// QuotaJson: the JSON shapes of the quota module's results (getQuotaStatus, getUpgradePricing,
// the quota alert events). src/quota returns structs; the JS field names live here.
#pragma once

#include <nlohmann/json.hpp>

#include "model/groups.h"
#include "quota/alerts.h"
#include "quota/quota_service.h"

namespace edgetally {

// {plan, lines: [string], summary}
nlohmann::json QuotaStatusJson(const Group& group, const QuotaStatusText& status);
// {currentPlan: {id, name, priceCents}, metrics: [name], options: [{plan, name, priceCents,
// priceDifferenceCents, lifts: [name]}]}
nlohmann::json UpgradePricingJson(const UpgradeOptions& pricing);
// {type: "quota", groupId, metric, status, percentUsed, current, limit, periodStart}
nlohmann::json QuotaAlertJson(const QuotaAlert& alert);

}  // namespace edgetally
