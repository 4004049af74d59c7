/* focus.c - the FOCUS 1.3 column table and enumerations (FOCUS-1.3.md §3, §4). */
#include "focus.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

const struct focus_column focus_columns[FC_COUNT] = {
#define X(name, type, level, nullable, en, since) {#name, type, level, nullable, en, since},
	FOCUS_COLUMNS(X)
#undef X
};

/* ASCII only: header names are ASCII, and the C locale must not matter. */

enum focus_col
focus_column_find(const char *name, int *casefold)
{
	if (casefold)
		*casefold = 0;
	for (int i = 0; i < FC_COUNT; i++)
		if (strcmp(name, focus_columns[i].name) == 0)
			return (enum focus_col)i;
	for (int i = 0; i < FC_COUNT; i++)
		if (text_casecmp(name, focus_columns[i].name) == 0) {
			if (casefold)
				*casefold = 1;
			return (enum focus_col)i;
		}
	return FC_CUSTOM;
}

static const char *const charge_category[] = {
	"Usage", "Purchase", "Tax", "Credit", "Adjustment", NULL};
static const char *const charge_class[] = {"Correction", NULL};
static const char *const charge_frequency[] = {"One-Time", "Recurring", "Usage-Based", NULL};
static const char *const pricing_category[] = {"Standard", "Dynamic", "Committed", "Other", NULL};
/* errata #11: RM 1.2/1.3 list Active/Expired/Pending, the spec says Used/Unused */
static const char *const commitment_status[] = {"Used", "Unused", NULL};
static const char *const commitment_category[] = {"Spend", "Usage", NULL};
static const char *const capacity_status[] = {"Used", "Unused", NULL};

static const char *const service_category[] = {
	"AI and Machine Learning", "Analytics", "Business Applications", "Compute",
	"Databases", "Developer Tools", "Multicloud", "Identity", "Integration",
	"Internet of Things", "Management and Governance", "Media", "Migration",
	"Mobile", "Networking", "Security", "Storage", "Web", "Other", NULL};

/* X(subcategory, parent category), in the specification's order */
#define SERVICE_SUBCATEGORIES(X) \
	X("AI Platforms", "AI and Machine Learning") \
	X("Bots", "AI and Machine Learning") \
	X("Generative AI", "AI and Machine Learning") \
	X("Machine Learning", "AI and Machine Learning") \
	X("Natural Language Processing", "AI and Machine Learning") \
	X("Other (AI and Machine Learning)", "AI and Machine Learning") \
	X("Analytics Platforms", "Analytics") \
	X("Business Intelligence", "Analytics") \
	X("Data Processing", "Analytics") \
	X("Search", "Analytics") \
	X("Streaming Analytics", "Analytics") \
	X("Other (Analytics)", "Analytics") \
	X("Productivity and Collaboration", "Business Applications") \
	X("Other (Business Applications)", "Business Applications") \
	X("Containers", "Compute") \
	X("End User Computing", "Compute") \
	X("Quantum Compute", "Compute") \
	X("Serverless Compute", "Compute") \
	X("Virtual Machines", "Compute") \
	X("Other (Compute)", "Compute") \
	X("Caching", "Databases") \
	X("Data Warehouses", "Databases") \
	X("Ledger Databases", "Databases") \
	X("NoSQL Databases", "Databases") \
	X("Relational Databases", "Databases") \
	X("Time Series Databases", "Databases") \
	X("Other (Databases)", "Databases") \
	X("Developer Platforms", "Developer Tools") \
	X("Continuous Integration and Deployment", "Developer Tools") \
	X("Development Environments", "Developer Tools") \
	X("Source Code Management", "Developer Tools") \
	X("Quality Assurance", "Developer Tools") \
	X("Other (Developer Tools)", "Developer Tools") \
	X("Identity and Access Management", "Identity") \
	X("Other (Identity)", "Identity") \
	X("API Management", "Integration") \
	X("Messaging", "Integration") \
	X("Workflow Orchestration", "Integration") \
	X("Other (Integration)", "Integration") \
	X("IoT Analytics", "Internet of Things") \
	X("IoT Platforms", "Internet of Things") \
	X("Other (Internet of Things)", "Internet of Things") \
	X("Architecture", "Management and Governance") \
	X("Compliance", "Management and Governance") \
	X("Cost Management", "Management and Governance") \
	X("Data Governance", "Management and Governance") \
	X("Disaster Recovery", "Management and Governance") \
	X("Endpoint Management", "Management and Governance") \
	X("Observability", "Management and Governance") \
	X("Support", "Management and Governance") \
	X("Other (Management and Governance)", "Management and Governance") \
	X("Content Creation", "Media") \
	X("Gaming", "Media") \
	X("Media Streaming", "Media") \
	X("Mixed Reality", "Media") \
	X("Other (Media)", "Media") \
	X("Data Migration", "Migration") \
	X("Resource Migration", "Migration") \
	X("Other (Migration)", "Migration") \
	X("Other (Mobile)", "Mobile") \
	X("Multicloud Integration", "Multicloud") \
	X("Other (Multicloud)", "Multicloud") \
	X("Application Networking", "Networking") \
	X("Content Delivery", "Networking") \
	X("Network Connectivity", "Networking") \
	X("Network Infrastructure", "Networking") \
	X("Network Routing", "Networking") \
	X("Network Security", "Networking") \
	X("Other (Networking)", "Networking") \
	X("Secret Management", "Security") \
	X("Security Posture Management", "Security") \
	X("Threat Detection and Response", "Security") \
	X("Other (Security)", "Security") \
	X("Backup Storage", "Storage") \
	X("Block Storage", "Storage") \
	X("File Storage", "Storage") \
	X("Object Storage", "Storage") \
	X("Storage Platforms", "Storage") \
	X("Other (Storage)", "Storage") \
	X("Application Platforms", "Web") \
	X("Other (Web)", "Web") \
	X("Other (Other)", "Other")

static const char *const service_subcategory[] = {
#define X(sub, parent) sub,
	SERVICE_SUBCATEGORIES(X)
#undef X
	NULL};

static const char *const subcategory_parent[] = {
#define X(sub, parent) parent,
	SERVICE_SUBCATEGORIES(X)
#undef X
};

/* ISO 4217 List One, active codes of legal tender only: no fund codes (BOV,
 * CHE, USN, ...), metals (XAU, ...), SDR or test codes. Withdrawn-in-transition
 * codes still on the official validator's list (ANG, CUC, SLL, ZWL) stay, so a
 * year-old bill is not flagged. Sorted for bsearch. */
static const char *const currency[] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
	"BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN",
	"BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUC", "CUP", "CVE", "CZK",
	"DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
	"GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
	"INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW",
	"KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL",
	"MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
	"NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR",
	"PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
	"SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
	"TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
	"UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER",
	"ZAR", "ZMW", "ZWG", "ZWL", NULL};

#define NCURRENCY (sizeof currency / sizeof currency[0] - 1)

const char *const *
focus_enum_values(enum focus_enum e)
{
	switch (e) {
	case FE_CHARGE_CATEGORY: return charge_category;
	case FE_CHARGE_CLASS: return charge_class;
	case FE_CHARGE_FREQUENCY: return charge_frequency;
	case FE_PRICING_CATEGORY: return pricing_category;
	case FE_COMMITMENT_STATUS: return commitment_status;
	case FE_COMMITMENT_CATEGORY: return commitment_category;
	case FE_CAPACITY_STATUS: return capacity_status;
	case FE_SERVICE_CATEGORY: return service_category;
	case FE_SERVICE_SUBCATEGORY: return service_subcategory;
	case FE_CURRENCY: return currency;
	case FE_NONE: break;
	}
	return NULL;
}

static int
cmp_str(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int
focus_enum_has(enum focus_enum e, const char *value)
{
	const char *const *v;

	if (!value)
		return 0;
	if (e == FE_CURRENCY)
		return bsearch(value, currency, NCURRENCY, sizeof currency[0], cmp_str) != NULL;
	if (!(v = focus_enum_values(e)))
		return 0;
	for (; *v; v++)
		if (strcmp(*v, value) == 0)
			return 1;
	return 0;
}

const char *
focus_subcategory_parent(const char *sub)
{
	if (!sub)
		return NULL;
	for (size_t i = 0; service_subcategory[i]; i++)
		if (strcmp(service_subcategory[i], sub) == 0)
			return subcategory_parent[i];
	return NULL;
}
