SYSTEM_TEMPLATE = (
    "You are a {persona}. Read the job advert and rate, from 1 to 7, how fair it is "
    "to applicants from a {persona}'s point of view."
)
