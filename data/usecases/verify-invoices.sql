-- title: Verify accuracy of provider invoices
-- focus: 1.0 1.1 1.2 1.3
-- columns: InvoiceIssuerName InvoiceId BillingCurrency ChargeCategory BilledCost
-- description: What each invoice should total, split by charge category, to check against the provider's invoice.
SELECT InvoiceIssuerName, InvoiceId, BillingCurrency,
       total(CASE WHEN ChargeCategory = 'Usage' THEN BilledCost END) AS Usage,
       total(CASE WHEN ChargeCategory = 'Purchase' THEN BilledCost END) AS Purchase,
       total(CASE WHEN ChargeCategory = 'Tax' THEN BilledCost END) AS Tax,
       total(CASE WHEN ChargeCategory = 'Credit' THEN BilledCost END) AS Credit,
       total(CASE WHEN ChargeCategory = 'Adjustment' THEN BilledCost END) AS Adjustment,
       sum(BilledCost) AS InvoiceTotal
FROM focus
GROUP BY InvoiceIssuerName, InvoiceId, BillingCurrency
ORDER BY InvoiceIssuerName, InvoiceId, BillingCurrency;
