DROP TABLE bookings;
DROP TABLE spaces;
