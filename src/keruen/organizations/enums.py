from __future__ import annotations

from enum import StrEnum


class OrganizationKind(StrEnum):
    COMPANY = "company"
    GOVERNMENT = "government"
    ASSOCIATION = "association"
    UNIVERSITY = "university"
    CULTURAL = "cultural"
    OTHER = "other"


class OrganizationSize(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class ProductDirection(StrEnum):
    OFFERS = "offers"
    NEEDS = "needs"


class ProfileKind(StrEnum):
    BUSINESS_OFFER = "business_offer"
    BUSINESS_REQUEST = "business_request"
    TECHNOLOGY_OFFER = "technology_offer"
    TECHNOLOGY_REQUEST = "technology_request"
    INVESTMENT_OFFERED = "investment_offered"
    INVESTMENT_SOUGHT = "investment_sought"
    LOGISTICS = "logistics"
