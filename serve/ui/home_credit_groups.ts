/**
 * How the applicant form groups the Home Credit application fields: one table, read top
 * to bottom, the first pattern a field's name matches naming its group. A field no
 * pattern matches (a column a later schema adds) lands in "Other", so none is lost.
 */

/** One group of the Home Credit form and the field names it takes. */
export interface FieldGroupRule {
  title: string;
  match: RegExp;
}

/** The Home Credit groups, in the order the form shows them. */
export const HOME_CREDIT_GROUPS: readonly FieldGroupRule[] = [
  {
    title: "Applicant",
    match:
      /^(SK_ID_CURR|CODE_GENDER|DAYS_BIRTH|CNT_CHILDREN|CNT_FAM_MEMBERS|NAME_FAMILY_STATUS|NAME_EDUCATION_TYPE|NAME_TYPE_SUITE|FLAG_OWN_CAR|OWN_CAR_AGE)$/,
  },
  {
    title: "Income and credit",
    match: /^(AMT_(INCOME_TOTAL|CREDIT|ANNUITY|GOODS_PRICE)|NAME_CONTRACT_TYPE|NAME_INCOME_TYPE)$/,
  },
  { title: "Employment", match: /^(DAYS_EMPLOYED|OCCUPATION_TYPE|ORGANIZATION_TYPE)$/ },
  { title: "External scores", match: /^EXT_SOURCE_\d+$/ },
  {
    title: "Credit bureau and social circle",
    match: /^(AMT_REQ_CREDIT_BUREAU_\w+|(OBS|DEF)_\d+_CNT_SOCIAL_CIRCLE)$/,
  },
  { title: "Housing", match: /^(FLAG_OWN_REALTY|NAME_HOUSING_TYPE)$|_(AVG|MODE|MEDI)$/ },
  { title: "Region and address", match: /^(REGION_|REG_|LIVE_)/ },
  {
    title: "Contact and documents",
    match:
      /^(FLAG_(MOBIL|EMP_PHONE|WORK_PHONE|CONT_MOBILE|PHONE|EMAIL|DOCUMENT_\d+)|DAYS_(ID_PUBLISH|REGISTRATION|LAST_PHONE_CHANGE))$/,
  },
  { title: "Application", match: /^(WEEKDAY|HOUR)_APPR_PROCESS_START$/ },
];

/** The group of fields no rule names. */
export const OTHER_GROUP = "Other";
