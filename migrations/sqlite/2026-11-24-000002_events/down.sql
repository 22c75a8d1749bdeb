DROP TABLE care_slots;
DROP TABLE facility_staff;
DROP TABLE facilities;
DROP TABLE events;
